"""Factories: the organization, people, spaces and components tests start from.

Each function takes the session to write with, adds sensible defaults that
any keyword overrides, commits, and returns the new object. They run inside
an application context of the app under test (the ``session`` fixture gives
one), which they read the registered space and component types from. The
fixtures ``make_organization``, ``make_user``, ``make_space`` and
``make_component`` are these functions with the session already given.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx.models import (
    Component,
    Organization,
    OrganizationRole,
    Space,
    SpaceRole,
    Step,
    User,
    UserOrganizationRole,
    UserSpaceRole,
    utcnow,
)
from pnyx.passwords import hash_password
from pnyx.settings import validate_settings

#: Every user made by :func:`create_user` has this password unless told otherwise.
DEFAULT_PASSWORD = "pnyx-test-password"
DEFAULT_STEP_TITLES = (
    {"fr": "Propositions", "en": "Proposals"},
    {"fr": "Vote", "en": "Vote"},
    {"fr": "Résultats", "en": "Results"},
)
#: Length of a generated step, in days.
STEP_DAYS = 30
STEP_FIELDS = frozenset(
    {"title", "description", "start_date", "end_date", "active", "activated_at"}
)

_numbers = itertools.count(1)


@functools.cache
def _hashed(password: str) -> str:
    # argon2 is slow on purpose: hash each distinct test password once per run.
    return hash_password(password)


def _registry() -> Any:
    return current_app.extensions["pnyx.plugins"].registry


def create_organization(session: Session, **fields: Any) -> Organization:
    """The instance's organization, in French and English."""
    values: dict[str, Any] = {
        "name": {"fr": "Ville de Test", "en": "Test City"},
        "default_locale": "fr",
        "available_locales": ["fr", "en"],
        "time_zone": "Europe/Paris",
        **fields,
    }
    organization = Organization(**values)
    session.add(organization)
    session.commit()
    return organization


def ensure_organization(session: Session) -> Organization:
    """The organization, created with the defaults if there is none yet."""
    existing = session.scalar(select(Organization).limit(1))
    return existing if existing is not None else create_organization(session)


def create_user(
    session: Session,
    *,
    name: str | None = None,
    email: str | None = None,
    password: str | None = DEFAULT_PASSWORD,
    roles: Iterable[str | OrganizationRole] = (),
    space_roles: Mapping[Space, str | Iterable[str]] | Iterable[tuple[Space, str]] = (),
    **fields: Any,
) -> User:
    """A confirmed person. ``roles``: organization roles (``"admin"``, ``"moderator"``,
    ``"user_manager"``); ``space_roles``: ``{space: "admin"}`` or ``[(space, "valuator")]``.
    ``password=None`` makes an account nobody can sign in to with a password."""
    number = next(_numbers)
    fields.setdefault("confirmed_at", utcnow())
    user = User(
        name=name or f"Test Person {number}",
        email=email if email is not None else f"person{number}@example.org",
        password_hash=_hashed(password) if password is not None else None,
        **fields,
    )
    for role in roles:
        user.organization_roles.append(UserOrganizationRole(role=_role(OrganizationRole, role)))
    session.add(user)
    session.flush()
    for space, role in _pairs(space_roles):
        session.add(UserSpaceRole(space_id=space.id, user_id=user.id, role=_role(SpaceRole, role)))
    session.commit()
    return user


def _role(kind: type[OrganizationRole] | type[SpaceRole], role: str) -> str:
    try:
        return kind(role).value
    except ValueError:
        choices = ", ".join(r.value for r in kind)
        raise ValueError(f"unknown {kind.__name__} {role!r}: use one of {choices}") from None


def _pairs(
    space_roles: Mapping[Space, str | Iterable[str]] | Iterable[tuple[Space, str]],
) -> list[tuple[Space, str]]:
    items = space_roles.items() if isinstance(space_roles, Mapping) else space_roles
    pairs = []
    for space, roles in items:
        for role in [roles] if isinstance(roles, str) else roles:
            pairs.append((space, role))
    return pairs


def create_space(
    session: Session,
    *,
    slug: str | None = None,
    title: Mapping[str, str] | None = None,
    type: str = "process",
    published: bool = True,
    private: bool = False,
    steps: int | Sequence[str | Mapping[str, Any]] = 3,
    active: int | None = 0,
    **fields: Any,
) -> Space:
    """A space (a published ``process`` by default) with its steps, step ``active``
    (an index; ``None`` for none) active.

    ``steps`` is a number of steps or a list of titles (a string or a
    ``{locale: text}``) or of ``Step`` fields (``{"title": ..., "end_date": ...}``).
    Generated dates place today in the active step, so the automatic activation
    leaves it active.
    """
    space_type = _registry().space_types.get(type)
    if space_type is None:
        known = ", ".join(sorted(_registry().space_types))
        raise ValueError(f"no space type {type!r} is registered (known: {known})")
    ensure_organization(session)
    number = next(_numbers)
    space = Space(
        type=type,
        slug=slug or f"space-{number}",
        title=dict(title or {"fr": f"Concertation {number}", "en": f"Consultation {number}"}),
        description=fields.pop("description", {"fr": "Une concertation.", "en": "A consultation."}),
        published=published,
        private=private,
        **fields,
    )
    if space_type.has_steps:
        space.steps.extend(_steps(steps, active))
    session.add(space)
    session.commit()
    return space


def _steps(spec: int | Sequence[str | Mapping[str, Any]], active: int | None) -> list[Step]:
    items = [{} for _ in range(spec)] if isinstance(spec, int) else list(spec)
    today = dt.date.today()
    anchor = active if active is not None else len(items)
    made = []
    for position, item in enumerate(items):
        is_fields = isinstance(item, Mapping) and bool(STEP_FIELDS & set(item))
        values = dict(item) if is_fields else {"title": item}
        title = values.pop("title", None) or _step_title(position)
        start = today + dt.timedelta(days=(position - anchor) * STEP_DAYS - STEP_DAYS // 2)
        values.setdefault("start_date", start)
        values.setdefault("end_date", start + dt.timedelta(days=STEP_DAYS - 1))
        values.setdefault("active", position == active)
        if values["active"]:
            values.setdefault("activated_at", utcnow())
        title = {"fr": title, "en": title} if isinstance(title, str) else dict(title)
        made.append(Step(position=position, title=title, **values))
    return made


def _step_title(position: int) -> dict[str, str]:
    if position < len(DEFAULT_STEP_TITLES):
        return dict(DEFAULT_STEP_TITLES[position])
    return {"fr": f"Phase {position + 1}", "en": f"Phase {position + 1}"}


def create_component(
    session: Session,
    *where: Space | str,
    name: Mapping[str, str] | None = None,
    settings: Mapping[str, Any] | None = None,
    published: bool = True,
    **fields: Any,
) -> Component:
    """A published component: ``create_component(session, space, "hello")``, or
    ``create_component(session, "hello")`` in a new published process.

    The type must be registered (its plugin enabled). ``settings`` are
    validated with the type's schemas (``{"global": {...}, "default_step":
    {...}, "steps": {"<step id>": {...}}}``); defaults fill the rest. Invalid
    settings raise :class:`pnyx.api.SettingsError`.
    """
    space: Space | None = fields.pop("space", None)
    type_name: str | None = fields.pop("type", None)
    for item in where:
        if isinstance(item, Space):
            space = item
        else:
            type_name = item
    if type_name is None:
        raise TypeError('create_component() needs a component type: make_component(space, "hello")')
    component_type = _registry().component_type(type_name)
    if component_type is None:
        known = ", ".join(sorted(_registry().component_types)) or "none"
        raise ValueError(
            f"no component type {type_name!r} is registered (known: {known}): enable its "
            f'plugin, e.g. @pytest.mark.pnyx_plugins("{type_name.split("_")[0]}")'
        )
    space = space if space is not None else create_space(session)
    label = str(component_type.label)
    component = Component(
        space=space,
        type=type_name,
        name=dict(name or {"fr": label, "en": label}),
        published=published,
        settings=validate_settings(component_type, dict(settings or {})),
        weight=fields.pop("weight", len(space.components)),
        **fields,
    )
    session.add(component)
    session.commit()
    return component
