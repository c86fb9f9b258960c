"""``pnyx import meetings:meetings FILE.csv --component ID``: meetings with their registrations.

Columns: ``external_id``, ``title``, ``start_at``, ``end_at`` (required; ``2026-10-01 18:30``,
wall-clock time of the organization's time zone); ``description``, ``address``,
``territory`` (a territory's code), ``themes`` (codes separated by ``|``), ``capacity``
(0: no limit), ``registrations`` (e-mail addresses of existing accounts separated by ``|``:
each gets a confirmed seat and a registration code). Titles and descriptions are written in
the organization's main language. The core checks every row before writing, skips
external ids imported before and writes in batches.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, insert, select

from pnyx import api
from pnyx_meetings import zones
from pnyx_meetings.models import Meeting, Registration, meeting_themes
from pnyx_meetings.registrations import CODE_ALPHABET, CODE_LENGTH

TITLE_MAX = 200


def local_time(context: api.ImportContext, text: str, column: str) -> dt.datetime:
    try:
        local = dt.datetime.fromisoformat(text)
    except ValueError:
        raise api.RowError(f"{column} {text!r} is not a time like 2026-10-01 18:30") from None
    if local.tzinfo is not None:
        return local.astimezone(dt.UTC)
    if "zone" not in context.cache:
        context.cache["zone"] = zones.organization_zone()
    try:
        return zones.to_utc(local, context.cache["zone"])
    except zones.NonexistentTimeError:
        raise api.RowError(f"{column} {text} does not exist (clocks go forward)") from None


def parse(context: api.ImportContext, row: Mapping[str, str]) -> dict[str, Any]:
    title = row.get("title", "")
    if not title or len(title) > TITLE_MAX:
        raise api.RowError(f"the title is empty or longer than {TITLE_MAX} characters")
    start = local_time(context, row.get("start_at", ""), "start_at")
    end = local_time(context, row.get("end_at", ""), "end_at")
    if end <= start:
        raise api.RowError("end_at is not after start_at")
    try:
        capacity = int(row.get("capacity") or 0)
    except ValueError:
        raise api.RowError(f"the capacity {row.get('capacity')!r} is not a number") from None
    emails = sorted(
        {e.strip().lower() for e in row.get("registrations", "").split("|") if e.strip()}
    )
    if capacity and len(emails) > capacity:
        raise api.RowError(f"{len(emails)} registrations for {capacity} seats")
    return {
        "title": title,
        "description": row.get("description", ""),
        "address": row.get("address", "")[:255],
        "start_at": start,
        "end_at": end,
        "capacity": max(capacity, 0),
        "territory_id": context.term_id("territory", row.get("territory", "")),
        "themes": context.theme_ids(row.get("themes", "")),
        "registrations": emails,
    }


def accounts(context: api.ImportContext, emails: set[str]) -> dict[str, int]:
    if not emails:
        return {}
    query = select(func.lower(api.User.email), api.User.id).where(
        func.lower(api.User.email).in_(emails)
    )
    return dict(context.session.execute(query).all())


def check_registrations(
    context: api.ImportContext, rows: list[tuple[int, str, Any]]
) -> list[tuple[int, str]]:
    known = accounts(context, {e for _l, _eid, value in rows for e in value["registrations"]})
    errors = []
    for line, _eid, value in rows:
        missing = [email for email in value["registrations"] if email not in known]
        if missing:
            errors.append((line, f"no account uses {', '.join(missing)}"))
    return errors


def write(context: api.ImportContext, rows: list[dict[str, Any]]) -> list[int]:
    component = context.component
    assert component is not None  # the core requires --component for this importer
    locale = context.cache.setdefault("locale", main_locale(context))
    ids = context.insert(
        Meeting,
        [
            {
                "component_id": component.id,
                "title": {locale: row["title"]},
                "description": {locale: row["description"]} if row["description"] else {},
                "address": row["address"],
                "start_at": row["start_at"],
                "end_at": row["end_at"],
                "capacity": row["capacity"],
                "registrations_enabled": bool(row["registrations"]) or row["capacity"] > 0,
                "territory_id": row["territory_id"],
            }
            for row in rows
        ],
    )
    pairs = list(zip(ids, rows, strict=True))
    themes = [{"meeting_id": mid, "term_id": t} for mid, row in pairs for t in row["themes"]]
    if themes:
        context.session.execute(insert(meeting_themes), themes)
    people = accounts(context, {e for _mid, row in pairs for e in row["registrations"]})
    seats = [
        {"meeting_id": mid, "user_id": people[email], "code": code}
        for mid, row in pairs
        for email, code in zip(row["registrations"], codes(len(row["registrations"])), strict=True)
    ]
    if seats:
        context.session.execute(insert(Registration.__table__), seats)
    return ids


def codes(count: int) -> list[str]:
    """``count`` different registration codes (a new meeting has none yet)."""
    found: set[str] = set()
    while len(found) < count:
        found.add("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)))
    return sorted(found)


def main_locale(context: api.ImportContext) -> str:
    organization = context.session.scalar(select(api.Organization).limit(1))
    return organization.default_locale if organization else "fr"


IMPORTER = api.Importer(
    name="meetings:meetings",
    label="Meetings and their registrations",
    required_columns=("title", "start_at", "end_at"),
    optional_columns=(
        "description",
        "address",
        "territory",
        "themes",
        "capacity",
        "registrations",
    ),
    parse=parse,
    write=write,
    check_batch=check_registrations,
    component_type="meetings",
)
