"""Plugin ``misspelled``: a hook implementation with a typo in its name."""

from pnyx import api


@api.hookimpl
def register_component_typs():
    return []
