"""Builders for seed content (``api.seeding``): taxonomy terms, people, processes with their
phases, components with per-phase settings, moments.

The five city distributions (``examples/distributions/``) build their spaces with these; a
sixth one, or a plugin's own demo data, may too. They only add and flush: the caller (the
core's ``seed_distribution``, or ``pnyx demo``) commits once at the end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx.models import Component, Space, Step, TaxonomyTerm, User, utcnow
from pnyx.settings import validate_settings

#: A phase: its title, first and last day (``None``: open-ended, the follow-up).
Phase = tuple[dict[str, str], dt.date | None, dt.date | None]


def term(
    session: Session,
    kind: str,
    code: str,
    name: dict[str, str],
    parent: TaxonomyTerm | None = None,
    position: int = 0,
) -> TaxonomyTerm:
    found = TaxonomyTerm(
        kind=kind,
        code=code,
        name=name,
        parent_id=parent.id if parent is not None else None,
        position=position,
    )
    session.add(found)
    session.flush()
    return found


def person(session: Session, email: str, name: str) -> User:
    """A resident who signs demo content (no password: nobody signs in with the account)."""
    found = session.scalar(select(User).where(User.email == email))
    if found is None:
        found = User(email=email, name=name, password_hash=None, confirmed_at=utcnow())
        session.add(found)
        session.flush()
    return found


def process(
    session: Session,
    slug: str,
    title: dict[str, str],
    description: dict[str, str],
    phases: Sequence[Phase],
    active: int | None,
    **fields: Any,
) -> Space:
    """A published participatory process whose phase number ``active`` is the current one."""
    space = Space(
        type="process", slug=slug, title=title, description=description, published=True, **fields
    )
    for position, (phase_title, start, end) in enumerate(phases):
        step = Step(position=position, title=phase_title, start_date=start, end_date=end)
        step.active = position == active
        step.activated_at = utcnow() if step.active else None
        space.steps.append(step)
    session.add(space)
    session.flush()
    return space


def component(
    session: Session,
    space: Space,
    type_name: str,
    name: dict[str, str],
    *,
    global_settings: dict[str, Any] | None = None,
    default_step: dict[str, Any] | None = None,
    per_phase: dict[int, dict[str, Any]] | None = None,
    permissions: dict[str, Any] | None = None,
) -> Component:
    """A published component. ``default_step`` applies in every phase; ``per_phase`` maps a
    phase's position to what changes in it (a phase's stored settings replace the default
    ones whole, so each is written as the default with its changes)."""
    component_type = current_app.extensions["pnyx.plugins"].registry.component_types.get(type_name)
    if component_type is None:
        raise LookupError(f"The plugin providing {type_name!r} is not enabled.")
    steps = {step.position: step.id for step in space.steps}
    raw = {
        "global": global_settings or {},
        "default_step": default_step or {},
        "steps": {
            str(steps[position]): {**(default_step or {}), **values}
            for position, values in (per_phase or {}).items()
        },
    }
    found = Component(
        space_id=space.id,
        type=type_name,
        name=name,
        weight=session.scalar(select(func.count()).where(Component.space_id == space.id)),
        published=True,
        settings=validate_settings(component_type, raw),
        permissions=permissions or {},
    )
    session.add(found)
    session.flush()
    return found


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    """An aware (UTC) moment on ``day``: the database stores aware datetimes only."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)
