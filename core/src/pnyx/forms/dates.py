"""The window of dates people may type: a date field takes any year from 1 to 9999, and a
slip of the keyboard (``0226-03-28``, ``20266-03-28`` cut to four digits) would make a phase
that never starts or a meeting of the year 2; a date outside the window is refused with a
message, what was typed kept (docs/forms.md, "Dates")."""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _
from marshmallow import ValidationError, validate

#: The first year a typed date may have: no participation on the platform is older.
EARLIEST_YEAR = 2000
#: How many years ahead of this one a typed date may be.
YEARS_AHEAD = 50


def latest_year(today: dt.date | None = None) -> int:
    return (today or dt.date.today()).year + YEARS_AHEAD


class SensibleDate(validate.Validator):
    """A marshmallow validator for a ``Date`` or ``DateTime`` field: from the year
    :data:`EARLIEST_YEAR` to :data:`YEARS_AHEAD` years from now. Forms of their own call
    :meth:`message_for`."""

    def message_for(self, value: dt.date | None) -> str | None:
        """Why ``value`` is refused, or ``None`` when it is in the window (or empty)."""
        if value is None or EARLIEST_YEAR <= value.year <= latest_year():
            return None
        # Years, not counts: written as digits, never "2 000".
        return _(
            "Give a date from the year %(first)s to the year %(last)s.",
            first=str(EARLIEST_YEAR),
            last=str(latest_year()),
        )

    def __call__(self, value: dt.date | None) -> dt.date | None:
        message = self.message_for(value)
        if message is not None:
            raise ValidationError(message)
        return value
