"""The safety guidance: staff write it per board; until they do, a built-in text.

Shown on its own page and above the first message to someone, so nobody
contacts a stranger without having read it.
"""

from __future__ import annotations

from typing import Any

from pnyx import api
from pnyx_mutual_aid.models import AidGuidance


def stored(component: api.Component) -> dict[str, Any]:
    row = api.db_session().get(AidGuidance, component.id)
    return dict(row.body) if row is not None else {}


def save(component: api.Component, body: dict[str, Any]) -> None:
    session = api.db_session()
    row = session.get(AidGuidance, component.id)
    if row is None:
        row = AidGuidance(component_id=component.id)
        session.add(row)
    row.body = body
    row.updated_at = api.utcnow()
    api.log_action(session, "mutual_aid.guidance_changed", component=component)


def staff_text(component: api.Component) -> api.Markup | None:
    """The staff's guidance as safe HTML in the reader's language, or ``None``."""
    body = stored(component)
    if not any(text.strip() for text in body.values() if isinstance(text, str)):
        return None
    return api.rich_translated(body, top=3, ugc=False)
