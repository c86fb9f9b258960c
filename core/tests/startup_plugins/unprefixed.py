"""Plugin ``unprefixed``: declares an action without its prefix."""

from pnyx import api


@api.hookimpl
def register_component_types():
    return [api.ComponentType(name="unprefixed", label="X", actions=[api.Action("vote", "Vote")])]
