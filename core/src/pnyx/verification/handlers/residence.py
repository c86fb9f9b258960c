"""``residence``: the person declares the territory they live in (a taxonomy term).

Options list the territories allowed; a territory allows itself and every
term under it (a département allows each of its communes). The organization
chooses whether a declaration is enough or a user manager must confirm it
(``confirmation_required``); until then the authorization is ``pending``.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields
from sqlalchemy import select

from pnyx.db import get_session
from pnyx.i18n import translated
from pnyx.manifests import AuthorizationHandler, AuthorizationResult, AuthorizationStatus
from pnyx.models import Authorization, TaxonomyTerm

NAME = "residence"
KIND = "territory"
#: A guard against a cycle in a hand-edited taxonomy.
MAX_DEPTH = 20


def territories() -> list[TaxonomyTerm]:
    query = select(TaxonomyTerm).where(TaxonomyTerm.kind == KIND)
    return list(get_session().scalars(query))


def territory_choices() -> list[tuple[str, str]]:
    """Every territory as ``(id, "Département › Commune")``, sorted by that path."""
    terms = {term.id: term for term in territories()}
    labelled = [(str(term.id), path_label(term, terms)) for term in terms.values()]
    return sorted(labelled, key=lambda pair: pair[1].casefold())


def path_label(term: TaxonomyTerm, terms: dict[int, TaxonomyTerm]) -> str:
    names = [translated(t.name) for t in reversed(lineage(term, terms))]
    return " › ".join(names)


def lineage(term: TaxonomyTerm, terms: dict[int, TaxonomyTerm] | None = None) -> list[TaxonomyTerm]:
    """``term`` then its parents up to the root."""
    chain = [term]
    while chain[-1].parent_id is not None and len(chain) < MAX_DEPTH:
        parent_id = chain[-1].parent_id
        parent = (terms or {}).get(parent_id) or get_session().get(TaxonomyTerm, parent_id)
        if parent is None:
            break
        chain.append(parent)
    return chain


class ResidenceOptions(Schema):
    """Options an admin sets when an action requires a residence."""

    territories = fields.List(
        fields.Integer(),
        load_default=list,
        metadata={
            "label": _l("Territories allowed"),
            "description": _l(
                "Residents of a chosen territory or of any territory under it may take part. "
                "Choose none to accept every territory."
            ),
            "choices": territory_choices,
        },
    )


def declared_territory(authorization: Authorization) -> TaxonomyTerm | None:
    territory_id = authorization.data.get("territory_id")
    if not isinstance(territory_id, int):
        return None
    term = get_session().get(TaxonomyTerm, territory_id)
    return term if term is not None and term.kind == KIND else None


def check(authorization: Authorization, options: dict[str, Any]) -> AuthorizationResult:
    """The declared territory must be one of the allowed ones or lie under one."""
    term = declared_territory(authorization)
    if term is None:
        return AuthorizationResult(
            AuthorizationStatus.INCOMPLETE, _("Declare where you live again to do this.")
        )
    allowed = {int(i) for i in options.get("territories") or []}
    if not allowed or allowed & {t.id for t in lineage(term)}:
        return AuthorizationResult(AuthorizationStatus.OK)
    return AuthorizationResult(AuthorizationStatus.UNAUTHORIZED, residents_message(allowed))


def residents_message(allowed: set[int]) -> str:
    session = get_session()
    names = sorted(translated(t.name) for i in allowed if (t := session.get(TaxonomyTerm, i)))
    return _("This is for residents of: %(territories)s.", territories=", ".join(names))


HANDLER = AuthorizationHandler(
    name=NAME,
    label=_l("Place of residence"),
    options_schema=ResidenceOptions,
    check=check,
    verify_endpoint="pnyx_verification.residence",
    description=_l("Some votes are for the residents of a territory: say where you live."),
)
