"""Which verifications an action requires, and where a person stands with each.

Requirements are stored on the component (``Component.permissions``) and,
where a plugin allows it, on a resource with a ``permissions`` attribute of
the same shape (a budget's own eligibility)::

    {"budgets.vote": {"authorizations": [
        {"handler": "birth_date", "options": {"maximum_age": 17}},
    ]}}

The permission engine checks the component's requirements, then the
resource's; every one must be ``ok``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from babel.lists import format_list
from flask import current_app, g
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from pnyx.db import get_session
from pnyx.manifests import AuthorizationHandler, AuthorizationResult, AuthorizationStatus
from pnyx.models import Authorization, User
from pnyx.models.authorization import PENDING
from pnyx.verification import clock

Requirement = Mapping[str, Any]
log = logging.getLogger(__name__)


def handlers() -> dict[str, AuthorizationHandler]:
    """The registered verification handlers, by name."""
    return current_app.extensions["pnyx.plugins"].registry.authorization_handlers


def stored_requirements(holder: Any, action: str) -> list[Requirement]:
    """The requirements ``holder`` (a component or resource) stores for ``action``."""
    permissions = getattr(holder, "permissions", None) or {}
    entry = permissions.get(action) or {}
    return [r for r in entry.get("authorizations") or [] if isinstance(r, Mapping)]


def requirements_for(action: str, component: Any, resource: Any = None) -> list[Requirement]:
    """Every verification ``action`` needs: the component's, then the resource's.

    Plugins call it to show what a vote requires; the permission engine uses it
    to decide. ``resource`` is any object with a ``permissions`` attribute.
    """
    found: list[Requirement] = []
    for holder in (component, resource):
        if holder is not None:
            found += stored_requirements(holder, action)
    return found


def user_authorizations(user: User) -> dict[str, Authorization]:
    """The person's authorizations by handler, read once per request."""
    cache = g.setdefault("pnyx_authorizations", {})
    if user.id not in cache:
        query = select(Authorization).where(Authorization.user_id == user.id)
        cache[user.id] = {a.handler: a for a in get_session().scalars(query)}
    return cache[user.id]


def forget_authorizations() -> None:
    """Drop the per-request cache after a grant or a revocation."""
    g.pop("pnyx_authorizations", None)


def evaluate(user: User, requirement: Requirement) -> AuthorizationResult:
    """Where ``user`` stands with one requirement (``{"handler": ..., "options": ...}``)."""
    handler = handlers().get(str(requirement.get("handler")))
    if handler is None:
        return AuthorizationResult(
            AuthorizationStatus.UNAUTHORIZED, _("A required verification is not available.")
        )
    authorization = user_authorizations(user).get(handler.name)
    result = stored_status(handler, authorization)
    if result is not None:
        return result
    if handler.check is None:
        return AuthorizationResult(AuthorizationStatus.OK)
    assert authorization is not None  # stored_status answered for a missing one
    try:
        return handler.check(authorization, dict(requirement.get("options") or {}))
    except Exception:  # a broken handler denies, as a failing permission_check does
        log.exception("check of verification handler %s failed; denying", handler.name)
        return AuthorizationResult(
            AuthorizationStatus.UNAUTHORIZED, _("This verification cannot be checked now.")
        )


def stored_status(
    handler: AuthorizationHandler, authorization: Authorization | None
) -> AuthorizationResult | None:
    """``missing``, ``pending`` or ``expired`` from the stored row; ``None`` when granted."""
    label = str(handler.label)
    if authorization is None:
        message = _("To do this, first verify: %(verification)s.", verification=label)
        return AuthorizationResult(AuthorizationStatus.MISSING, message)
    if authorization.status == PENDING:
        message = _(
            "Your verification (%(verification)s) is waiting for a confirmation by the "
            "organization.",
            verification=label,
        )
        return AuthorizationResult(AuthorizationStatus.PENDING, message)
    if authorization.is_expired(clock.now()):
        message = _("Your verification (%(verification)s) has expired.", verification=label)
        return AuthorizationResult(AuthorizationStatus.EXPIRED, message)
    return None


def unmet(user: User, requirements: list[Requirement]) -> tuple[str, AuthorizationResult] | None:
    """The first requirement ``user`` does not meet, as ``(handler name, result)``.

    When it is a verification never made, the message names every other one the person has
    not made either: someone who must give a residence and a birth date learns both at once,
    not the second after coming back from the first.
    """
    for position, requirement in enumerate(requirements):
        result = evaluate(user, requirement)
        if result.status == AuthorizationStatus.MISSING:
            return str(requirement.get("handler")), every_missing(user, requirements[position:])
        if result.status != AuthorizationStatus.OK:
            return str(requirement.get("handler")), result
    return None


def every_missing(user: User, requirements: list[Requirement]) -> AuthorizationResult:
    """A "first verify: A and B" refusal naming the verifications among ``requirements`` (the
    first one missing) that ``user`` has not made, each once, in order."""
    labels: list[str] = []
    for requirement in requirements:
        handler = handlers().get(str(requirement.get("handler")))
        if handler is None or handler.name in user_authorizations(user):
            continue
        if str(handler.label) not in labels:
            labels.append(str(handler.label))
    listed = format_list(labels, locale=str(get_locale() or "en"))
    message = _("To do this, first verify: %(verification)s.", verification=listed)
    return AuthorizationResult(AuthorizationStatus.MISSING, message)
