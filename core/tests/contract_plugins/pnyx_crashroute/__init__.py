"""``crashroute``: a public page that raises (a 500 for everybody)."""

from __future__ import annotations

from flask import Blueprint

from pnyx import api

public = Blueprint("crashroute", __name__)


@public.get("/")
@api.requires(api.actions.VIEW)
def index() -> str:
    raise RuntimeError("crashroute exploded")


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    return [api.ComponentType(name="crashroute", label="Crash", public_blueprint=public)]
