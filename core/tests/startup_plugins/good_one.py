"""A well-formed in-test plugin named ``good_one``."""

from pnyx import api


@api.hookimpl
def register_component_types():
    return [
        api.ComponentType(name="good_one", label="Good", actions=[api.Action("good_one.do", "Do")])
    ]
