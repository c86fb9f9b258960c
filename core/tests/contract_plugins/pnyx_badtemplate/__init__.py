"""``badtemplate``: ships a template that does not compile."""

from __future__ import annotations

from pnyx import api


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    return [api.ComponentType(name="badtemplate", label="Bad template")]
