"""Organization-wide choices per handler (``VerificationSetting`` rows).

``validity_days`` (any handler): a granted authorization expires after that
many days (none: it never expires). ``confirmation_required`` (residence): a
declaration stays pending until a user manager confirms it. ``columns``
(census): the identifiers the census file holds and residents enter.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from pnyx.db import get_session
from pnyx.models import VerificationSetting


def handler_options(handler: str, session: Session | None = None) -> dict[str, Any]:
    """The organization's choices for ``handler`` (empty when never set)."""
    row = (session or get_session()).get(VerificationSetting, handler)
    return dict(row.options) if row is not None else {}


def save_handler_options(session: Session, handler: str, changes: dict[str, Any]) -> None:
    """Merge ``changes`` into the stored choices for ``handler`` (the caller commits)."""
    row = session.get(VerificationSetting, handler, with_for_update=True)
    if row is None:
        row = VerificationSetting(handler=handler, options={})
        session.add(row)
    row.options = {**row.options, **changes}


def expiry_for(handler: str, granted_at: dt.datetime, session: Session) -> dt.datetime | None:
    """When an authorization granted now ends, from the handler's ``validity_days``."""
    days = handler_options(handler, session).get("validity_days")
    return granted_at + dt.timedelta(days=int(days)) if days else None
