"""``birth_date``: the person gives their birth date; options bound the age.

The age is counted on the day of the action, in the organization's time zone:
someone born on 12 May 2008 is 18 from 12 May 2026 on, so no longer "17 or
under" that day. Someone born on 29 February has their birthday on 1 March
in other years (French and British practice). A birth date is not an
identity, so this handler stores no unique id: it cannot stop one person
from declaring a date on two accounts (the census handler can).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from pnyx.manifests import AuthorizationHandler, AuthorizationResult, AuthorizationStatus
from pnyx.models import Authorization
from pnyx.verification import clock

NAME = "birth_date"
#: Nobody taking part is older than this; a later date is a typing mistake.
OLDEST_AGE = 130
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


class BirthDateOptions(Schema):
    """Options an admin sets when an action requires a birth date."""

    minimum_age = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=0, max=OLDEST_AGE),
        metadata={"label": _l("Minimum age"), "description": _l("Leave empty for no minimum.")},
    )
    maximum_age = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=0, max=OLDEST_AGE),
        metadata={
            "label": _l("Maximum age"),
            "description": _l("For people under 18, write 17. Leave empty for no maximum."),
        },
    )

    @validates_schema
    def minimum_below_maximum(self, data: dict[str, Any], **_kwargs: Any) -> None:
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:
            raise ValidationError(
                _("The maximum age must not be below the minimum age."), "maximum_age"
            )


def age_on(birth: dt.date, day: dt.date) -> int:
    """Whole years between ``birth`` and ``day`` (the birthday itself counts)."""
    before_birthday = (day.month, day.day) < (birth.month, birth.day)
    return day.year - birth.year - int(before_birthday)


def parse_birth_date(text: str, today: dt.date) -> dt.date | None:
    """A plausible birth date from what a person typed, or ``None``."""
    for pattern in DATE_FORMATS:
        try:
            day = dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
        if day <= today and age_on(day, today) <= OLDEST_AGE:
            return day
        return None
    return None


def stored_birth_date(authorization: Authorization) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(authorization.data.get("birth_date")))
    except ValueError:
        return None


def age_message(minimum: int | None, maximum: int | None) -> str:
    if minimum is not None and maximum is not None:
        return _(
            "This is for people aged %(minimum)s to %(maximum)s on the day they take part.",
            minimum=minimum,
            maximum=maximum,
        )
    if minimum is not None:
        return _("This is for people aged %(minimum)s or over.", minimum=minimum)
    return _("This is for people aged %(maximum)s or under.", maximum=maximum)


def check(authorization: Authorization, options: dict[str, Any]) -> AuthorizationResult:
    """Compare the person's age today with ``minimum_age`` and ``maximum_age``."""
    birth = stored_birth_date(authorization)
    if birth is None:
        return AuthorizationResult(
            AuthorizationStatus.INCOMPLETE, _("Give your birth date again to do this.")
        )
    age = age_on(birth, clock.today())
    minimum, maximum = options.get("minimum_age"), options.get("maximum_age")
    too_young = minimum is not None and age < int(minimum)
    too_old = maximum is not None and age > int(maximum)
    if too_young or too_old:
        return AuthorizationResult(AuthorizationStatus.UNAUTHORIZED, age_message(minimum, maximum))
    return AuthorizationResult(AuthorizationStatus.OK)


HANDLER = AuthorizationHandler(
    name=NAME,
    label=_l("Birth date"),
    options_schema=BirthDateOptions,
    check=check,
    verify_endpoint="pnyx_verification.birth_date",
    description=_l("Some votes are for an age group: give your birth date to take part."),
)
