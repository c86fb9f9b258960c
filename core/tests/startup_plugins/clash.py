"""Plugin ``clash``: claims an action name that ``good_one`` owns... with its own prefix
it cannot, so it claims ``clash`` twice instead."""

from pnyx import api


@api.hookimpl
def register_component_types():
    return [api.ComponentType(name="clash", label="A"), api.ComponentType(name="clash", label="B")]
