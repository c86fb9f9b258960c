"""Age bracket and territory of a voter at checkout, for turnout statistics.

Only what the person's verifications already hold is used (a birth date, a
declared residence); nothing is asked for this. The ballot keeps a bracket,
never the birth date.
"""

from __future__ import annotations

import datetime as dt

from pnyx import api

#: Upper bounds (inclusive) of the age brackets, and their names.
BRACKETS = ((17, "0-17"), (24, "18-24"), (34, "25-34"), (49, "35-49"), (64, "50-64"))
OLDEST = "65+"


def bracket_of(age: int) -> str:
    for upper, name in BRACKETS:
        if age <= upper:
            return name
    return OLDEST


def age_on(birth: dt.date, day: dt.date) -> int:
    """Whole years between ``birth`` and ``day`` (the birthday itself counts)."""
    return day.year - birth.year - int((day.month, day.day) < (birth.month, birth.day))


def voter_facts(user: api.User) -> tuple[str | None, int | None]:
    """``(age bracket, territory id)`` from the person's verifications, when known."""
    bracket = None
    birth = (api.verification.data(user, "birth_date") or {}).get("birth_date")
    try:
        bracket = bracket_of(age_on(dt.date.fromisoformat(str(birth)), api.utcnow().date()))
    except ValueError:
        bracket = None
    territory = (api.verification.data(user, "residence") or {}).get("territory_id")
    return bracket, territory if isinstance(territory, int) else None
