"""Small builders the seed modules share: terms, people, processes with phases, components.

Everything goes through ``pnyx.api`` models and services; the caller (the core's
``seed_distribution``) commits once at the end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api

#: A phase: its title, first and last day (``None``: open-ended, the follow-up).
Phase = tuple[dict[str, str], dt.date | None, dt.date | None]


def text(fr: str, en: str) -> dict[str, str]:
    """Content in the organization's two languages."""
    return {"fr": fr, "en": en}


def term(
    session: Session,
    kind: str,
    code: str,
    name: dict[str, str],
    parent: api.TaxonomyTerm | None = None,
    position: int = 0,
) -> api.TaxonomyTerm:
    found = api.TaxonomyTerm(
        kind=kind,
        code=code,
        name=name,
        parent_id=parent.id if parent is not None else None,
        position=position,
    )
    session.add(found)
    session.flush()
    return found


def person(session: Session, email: str, name: str) -> api.User:
    """A resident who signs demo content (no password: nobody signs in with the account)."""
    found = session.scalar(select(api.User).where(api.User.email == email))
    if found is None:
        found = api.User(email=email, name=name, password_hash=None, confirmed_at=api.utcnow())
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
) -> api.Space:
    """A published participatory process whose phase number ``active`` is the current one."""
    space = api.Space(
        type="process", slug=slug, title=title, description=description, published=True, **fields
    )
    for position, (phase_title, start, end) in enumerate(phases):
        step = api.Step(position=position, title=phase_title, start_date=start, end_date=end)
        step.active = position == active
        step.activated_at = api.utcnow() if step.active else None
        space.steps.append(step)
    session.add(space)
    session.flush()
    return space


def component(
    session: Session,
    space: api.Space,
    type_name: str,
    name: dict[str, str],
    *,
    global_settings: dict[str, Any] | None = None,
    default_step: dict[str, Any] | None = None,
    per_phase: dict[int, dict[str, Any]] | None = None,
    permissions: dict[str, Any] | None = None,
) -> api.Component:
    """A published component. ``default_step`` applies in every phase; ``per_phase`` maps a
    phase's position to what changes in it (a phase's stored settings replace the default
    ones whole, so each is written as the default with its changes)."""
    component_type = api.component_type(type_name)
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
    found = api.Component(
        space_id=space.id,
        type=type_name,
        name=name,
        weight=session.scalar(select(func.count()).where(api.Component.space_id == space.id)),
        published=True,
        settings=api.validate_settings(component_type, raw),
        permissions=permissions or {},
    )
    session.add(found)
    session.flush()
    return found


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    """An aware (UTC) moment on ``day``: the database stores aware datetimes only."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)
