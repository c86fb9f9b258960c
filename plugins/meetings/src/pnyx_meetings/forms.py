"""Reading and checking submitted forms: translated fields, dates, numbers, links.

Each reader returns a :class:`Form`: the cleaned ``values`` when valid, the
``errors`` by field name otherwise, and always the ``raw`` input, so a page
shown again after an error keeps what the person typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import attrs
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from pnyx import api
from pnyx_meetings import zones


@attrs.define
class Form:
    """What a form submission gave: raw input, cleaned values, errors by field."""

    raw: MultiDict[str, str] = attrs.field(factory=MultiDict)
    values: dict[str, Any] = attrs.field(factory=dict)
    errors: dict[str, str] = attrs.field(factory=dict)
    #: Field name → (id of its first control, label), noted as the template draws it.
    drawn: dict[str, tuple[str, str]] = attrs.field(factory=dict)

    @property
    def valid(self) -> bool:
        return not self.errors

    def draw(self, name: str, input_id: str, label: str) -> str:
        """Note the control and label of ``name`` (``_fields.html`` does, as it draws each
        field), for the error summary; returns nothing to show."""
        self.drawn.setdefault(name, (input_id, str(label)))
        return ""

    def error_items(self) -> list[tuple[str | None, str | None, str]]:
        """``(control id, label, message)`` for the error summary, in the form's order; id
        and label are ``None`` for an error of a field the page did not draw."""
        known = [
            (*self.drawn[name], self.errors[name]) for name in self.drawn if name in self.errors
        ]
        unknown = [
            (None, None, message) for name, message in self.errors.items() if name not in self.drawn
        ]
        return known + unknown

    def get(self, name: str, default: str = "") -> str:
        return self.raw.get(name, default)

    def getlist(self, name: str) -> list[str]:
        return self.raw.getlist(name)


def locales() -> tuple[str, list[str]]:
    """The organization's default locale and its locales (default first)."""
    row = (
        api.db_session()
        .execute(
            select(api.Organization.default_locale, api.Organization.available_locales).limit(1)
        )
        .first()
    )
    default, available = row if row else ("fr", ["fr", "en"])
    return default, [default, *[code for code in available if code != default]]


def translated_field(
    form: Form, name: str, *, required: bool = False, max_length: int = 20000
) -> None:
    """Read ``name-<locale>`` inputs into ``{locale: text}``; the default locale may be required."""
    default, available = locales()
    value = {}
    for code in available:
        text = form.get(f"{name}-{code}").replace("\r\n", "\n").strip()
        if text:
            value[code] = text
        if len(text) > max_length:
            form.errors[name] = api.ngettext(
                "At most %(num)d character.", "At most %(num)d characters.", max_length
            )
    if required and not value.get(default):
        form.errors.setdefault(name, api._("Fill this in, at least in the main language."))
    form.values[name] = value


def text_field(form: Form, name: str, *, required: bool = False, max_length: int = 255) -> None:
    text = form.get(name).strip()
    if required and not text:
        form.errors[name] = api._("Fill this in.")
    elif len(text) > max_length:
        form.errors[name] = api.ngettext(
            "At most %(num)d character.", "At most %(num)d characters.", max_length
        )
    form.values[name] = text


def url_field(form: Form, name: str, *, required: bool = False) -> None:
    """An http(s) link, or empty when not required."""
    text_field(form, name, required=required, max_length=500)
    link = form.values[name]
    if link and (urlsplit(link).scheme not in ("http", "https") or not urlsplit(link).netloc):
        form.errors[name] = api._("Give a web address starting with https://.")


def integer_field(
    form: Form, name: str, *, minimum: int = 0, maximum: int = 1_000_000, default: int = 0
) -> None:
    text = form.get(name).strip()
    try:
        number = int(text) if text else default
    except ValueError:
        form.errors[name] = api._("Give a whole number.")
        number = default
    if not minimum <= number <= maximum:
        form.errors[name] = api._(
            "Give a number between %(low)d and %(high)d.", low=minimum, high=maximum
        )
    form.values[name] = number


def boolean_field(form: Form, name: str) -> None:
    form.values[name] = form.get(name) in ("1", "on", "true", "yes")


def choice_field(form: Form, name: str, choices: tuple[str, ...], default: str) -> None:
    value = form.get(name, default)
    if value not in choices:
        form.errors[name] = api._("Choose one of the options.")
        value = default
    form.values[name] = value


def local_datetime_field(form: Form, name: str) -> None:
    """A ``datetime-local`` input read in the organization's time zone, stored in UTC."""
    text = form.get(name).strip()
    form.values[name] = None
    if not text:
        form.errors[name] = api._("Give a date and a time.")
        return
    try:
        local = dt.datetime.fromisoformat(text)
    except ValueError:
        form.errors[name] = api._("Give a date and a time, such as 2026-03-28 18:30.")
        return
    outside = api.SensibleDate().message_for(local)
    if outside is not None:
        form.errors[name] = outside
        return
    try:
        form.values[name] = zones.to_utc(local.replace(tzinfo=None), zones.organization_zone())
    except zones.NonexistentTimeError:
        form.errors[name] = api._(
            "This time does not exist: the clocks go forward then. Choose another time."
        )


def term_field(form: Form, name: str, kind: str) -> None:
    """An optional taxonomy term of ``kind`` (a territory...)."""
    form.values[name] = None
    text = form.get(name).strip()
    if not text:
        return
    term = _terms_by_id(kind).get(api.as_int(text) or 0)
    if term is None:
        form.errors[name] = api._("Choose one of the options.")
        return
    form.values[name] = term


def terms_field(form: Form, name: str, kind: str) -> None:
    """Several taxonomy terms of ``kind`` (themes), from checkboxes."""
    # Not a number ("²" passes isdigit()) counts as an unknown option: 0 is no term's id.
    ids = {api.as_int(value) or 0 for value in form.getlist(name)}
    known = _terms_by_id(kind)
    if ids - known.keys():
        form.errors[name] = api._("Choose among the options.")
    form.values[name] = [known[term_id] for term_id in sorted(ids) if term_id in known]


def _terms_by_id(kind: str) -> dict[int, api.TaxonomyTerm]:
    return {option.id: option.term for option in api.taxonomy_terms(kind)}


def raw_from(data: Mapping[str, Any]) -> MultiDict[str, str]:
    return data if isinstance(data, MultiDict) else MultiDict(data)
