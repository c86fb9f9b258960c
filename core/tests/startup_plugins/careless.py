"""Plugin ``careless``: a third-party plugin whose CSV export forgot ``@api.requires``.

The kind of page the security probe found: anyone could list the signers of a
private space's component. Pnyx must refuse to start with it enabled.
"""

from __future__ import annotations

from flask import Blueprint

from pnyx import api

blueprint = Blueprint("careless", __name__, url_prefix="/careless")


@blueprint.get("/")
@api.requires(api.actions.PUBLIC)
def index() -> str:
    return "a guarded page"


@blueprint.get("/signers.csv")
def signers() -> str:
    return "name,email\n"


@api.hookimpl
def register_blueprints() -> list[Blueprint]:
    return [blueprint]
