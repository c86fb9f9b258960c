"""One field of a form: what the template draws, and how a submission is read back.

A :class:`BoundField` ties a marshmallow field to an HTML name (``prefix.key``)
and holds what to show: the value (as typed, after a failed submission), the
label, the hint, the choices and the errors.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import re
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

import attrs
from marshmallow import fields, missing
from werkzeug.datastructures import MultiDict

from pnyx.forms.messages import _type_messages
from pnyx.forms.widgets import choices_of, html_limits, widget_for

#: Returned by :meth:`BoundField.extract` when the schema should see no value at all.
OMIT: Any = missing
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def humanize(key: str) -> str:
    """A label made from a key when the schema gives none: ``max_length`` → ``Max length``."""
    return key.replace("_", " ").strip().capitalize()


def html_id(name: str) -> str:
    return "f-" + re.sub(r"[^A-Za-z0-9_-]", "-", name)


@attrs.define
class BoundField:
    """A marshmallow field placed in a form under ``name``."""

    field: fields.Field
    key: str
    name: str
    widget: str
    locales: list[str]
    default_locale: str
    time_zone: str | None = None
    value: Any = None
    errors: list[str] = attrs.field(factory=list)
    #: Errors of one language of a translated field.
    locale_errors: dict[str, list[str]] = attrs.field(factory=dict)
    children: list[BoundField] = attrs.field(factory=list)
    #: Stored translations in languages the form does not show; kept on save.
    hidden_translations: dict[str, str] = attrs.field(factory=dict)
    #: What :meth:`extract` gave marshmallow (to explain its errors).
    submitted: Any = OMIT
    #: Rich text rendered per language, after the person pressed "Preview".
    previews: dict[str, Any] = attrs.field(factory=dict)

    @property
    def id(self) -> str:
        return html_id(self.name)

    @property
    def label(self) -> str:
        return str(self.field.metadata.get("label") or humanize(self.key))

    @property
    def help(self) -> str:
        return str(self.field.metadata.get("description") or "")

    @property
    def required(self) -> bool:
        return bool(self.field.required)

    @property
    def choices(self) -> list[tuple[str, str]]:
        inner = self.field.inner if isinstance(self.field, fields.List) else self.field
        return choices_of(inner)

    def choice_description(self, value: str) -> str:
        """The hint under one choice of a ``radio`` field (``metadata["choice_descriptions"]``)."""
        descriptions = self.field.metadata.get("choice_descriptions") or {}
        return str(descriptions.get(value) or "")

    @property
    def limits(self) -> dict[str, Any]:
        return html_limits(self.field, self.widget)

    @property
    def multiline(self) -> bool:
        return bool(getattr(self.field, "multiline", False))

    @property
    def rich(self) -> bool:
        return bool(getattr(self.field, "rich", False))

    @property
    def has_errors(self) -> bool:
        return bool(self.errors or any(self.locale_errors.values()))

    def describedby(self, locale: str | None = None) -> str:
        """Ids of the hint and the errors, for ``aria-describedby``."""
        ids = [f"{self.id}-hint"] if self.help else []
        if self.rich:
            ids.append(f"{self.id}-format")
        if self.errors:
            ids.append(f"{self.id}-error")
        if locale and self.locale_errors.get(locale):
            ids.append(f"{self.id}-{locale}-error")
        return " ".join(ids)

    # Showing a value ---------------------------------------------------------

    def show(self, value: Any) -> None:
        """Set the value to draw from a Python value (a stored or default one)."""
        if value is missing or value is None:
            value = self.initial()
        if self.widget == "group":
            for child in self.children:
                child.show((value or {}).get(child.key, missing))
            return
        if self.widget == "translated":
            value = dict(value or {})
            self.hidden_translations = {
                k: v for k, v in value.items() if k not in self.locales and v
            }
        self.value = self._display(value)

    def initial(self) -> Any:
        default = self.field.load_default
        if default is missing:
            default = self.field.dump_default
        if callable(default):
            default = default()
        return None if default is missing else default

    def _display(self, value: Any) -> Any:
        if self.widget == "checkbox":
            return bool(value)
        if self.widget == "translated":
            return {k: str(v) for k, v in value.items() if k in self.locales}
        if self.widget == "checkboxes":
            inner = self.field.inner if isinstance(self.field, fields.List) else self.field
            return [_choice_value(inner, v) for v in (value or [])]
        if self.widget == "lines":
            return "\n".join(str(v) for v in (value or []))
        if value is None:
            return ""
        if isinstance(value, dt.datetime):
            return self._local(value).strftime("%Y-%m-%dT%H:%M")
        if isinstance(value, dt.date):
            return value.isoformat()
        return _choice_value(self.field, value)

    def _local(self, value: dt.datetime) -> dt.datetime:
        if value.tzinfo is not None and self.time_zone:
            return value.astimezone(ZoneInfo(self.time_zone)).replace(tzinfo=None)
        return value

    # Reading a submission ----------------------------------------------------

    def extract(self, formdata: MultiDict[str, Any]) -> Any:
        """The value to give marshmallow for this field (or :data:`OMIT`), from the form.

        Keeps what the person typed in :attr:`value`, to draw it again after
        an error. Values that cannot even be read (``"abc"`` for a number) get
        their error here and are omitted.
        """
        self.submitted = self._read(formdata)
        return self.submitted

    def _read(self, formdata: MultiDict[str, Any]) -> Any:
        if self.widget == "group":
            return {c.key: v for c in self.children if (v := c.extract(formdata)) is not OMIT}
        if self.widget == "checkbox":
            self.value = formdata.get(self.name, "") not in ("", "0", "false", "off")
            return self.value
        if self.widget == "checkboxes":
            self.value = formdata.getlist(self.name)
            return self.value
        if self.widget == "translated":
            return self._extract_translated(formdata)
        text = str(formdata.get(self.name, ""))
        text = text.replace("\r\n", "\n") if self.widget in ("textarea", "lines") else text.strip()
        self.value = text
        if self.widget == "lines":
            return [line.strip() for line in text.splitlines() if line.strip()]
        if not text.strip():
            return self._empty()
        return self._convert(text.strip())

    def _extract_translated(self, formdata: MultiDict[str, Any]) -> dict[str, str]:
        self.value = {
            locale: str(formdata.get(f"{self.name}.{locale}", "")).replace("\r\n", "\n")
            for locale in self.locales
        }
        typed = {locale: text.strip() for locale, text in self.value.items() if text.strip()}
        return {**self.hidden_translations, **typed}

    def _empty(self) -> Any:
        """An empty box: missing when required (so marshmallow says so), else no value."""
        if self.required:
            return OMIT
        if self.field.allow_none:
            return None
        if (
            self.widget in ("text", "textarea", "email", "url")
            and self.field.load_default is missing
        ):
            return ""
        return OMIT

    def _convert(self, text: str) -> Any:
        """Read numbers and dates as people type them; anything else goes to marshmallow."""
        try:
            if self.widget == "integer":
                return int(_SPACES.sub("", text))
            if self.widget == "decimal":
                return str(decimal.Decimal(_SPACES.sub("", text).replace(",", ".")))
            if self.widget == "date":
                return dt.date.fromisoformat(text).isoformat()
            if self.widget == "datetime":
                return self._aware(dt.datetime.fromisoformat(text)).isoformat()
        except (ValueError, decimal.InvalidOperation):
            self.errors.append(_type_messages()[self.widget])
            return OMIT
        return text

    def _aware(self, value: dt.datetime) -> dt.datetime:
        naive_field = isinstance(self.field, fields.NaiveDateTime)
        if value.tzinfo is None and self.time_zone and not naive_field:
            return value.replace(tzinfo=ZoneInfo(self.time_zone))
        return value


def _choice_value(field: fields.Field, value: Any) -> str:
    """How a value is written in the form (an enum member by name, or by value)."""
    if isinstance(value, enum.Enum):
        return str(value.value) if getattr(field, "by_value", False) else value.name
    return str(value)


def bind(
    field: fields.Field,
    key: str,
    name: str,
    *,
    locales: list[str],
    default_locale: str,
    time_zone: str | None,
) -> BoundField:
    """A :class:`BoundField` for ``field``; a nested schema becomes a group of children."""
    bound = BoundField(
        field=field,
        key=key,
        name=name,
        widget=widget_for(field),
        locales=locales,
        default_locale=default_locale,
        time_zone=time_zone,
    )
    if bound.widget == "group" and isinstance(field, fields.Nested):
        bound.children = [
            bind(
                child,
                child_key,
                f"{name}.{child_key}",
                locales=locales,
                default_locale=default_locale,
                time_zone=time_zone,
            )
            for child_key, child in visible_fields(field.schema).items()
        ]
    return bound


def visible_fields(schema: Any) -> Mapping[str, fields.Field]:
    """The fields a person fills in: every loadable field, by its input key."""
    return {
        (field.data_key or key): field
        for key, field in schema.fields.items()
        if not field.dump_only
    }
