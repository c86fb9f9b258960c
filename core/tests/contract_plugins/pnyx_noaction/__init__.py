"""``noaction``: one view declares no action, another an action nobody registers."""

from __future__ import annotations

from flask import Blueprint

from pnyx import api

public = Blueprint("noaction", __name__)


@public.get("/")
def bare() -> str:
    return "anyone, unchecked"


@public.get("/ghost")
@api.requires("noaction.ghost")
def ghost() -> str:
    return "never allowed"


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    return [api.ComponentType(name="noaction", label="No action", public_blueprint=public)]
