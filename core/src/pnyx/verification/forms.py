"""HTML form fields generated from a handler's marshmallow options schema.

Field types map to inputs: ``Boolean`` → checkbox, ``Integer``/``Float`` →
number, ``Date`` → date, ``List`` with ``choices`` → a multiple select, a
field with ``choices`` or a ``OneOf`` validator → a select, anything else →
text. A field's ``metadata`` gives its ``label``, ``description`` and
``choices`` (a list of ``(value, label)`` or a callable returning one).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import marshmallow
from flask_babel import gettext as _
from marshmallow import fields, validate
from werkzeug.datastructures import MultiDict


@attrs.frozen
class FormField:
    """One input of a generated form, with what to show again after an error."""

    name: str
    input_name: str
    label: str
    description: str
    kind: str
    value: Any
    choices: tuple[tuple[str, str], ...] = ()
    error: str = ""

    @property
    def input_id(self) -> str:
        return self.input_name.replace(".", "-").replace("_", "-")


def _choices(field: fields.Field) -> tuple[tuple[str, str], ...] | None:
    """The field's ``(value, label)`` choices; ``None`` when it declares none."""
    source: Any = field.metadata.get("choices")
    if source is None:
        one_of = next((v for v in field.validators if isinstance(v, validate.OneOf)), None)
        if one_of is None:
            return None
        source = [(str(c), str(c)) for c in one_of.choices]
    if callable(source):
        source = source()
    return tuple((str(value), str(label)) for value, label in source)


def input_kind(field: fields.Field, choices: tuple[tuple[str, str], ...] | None) -> str:
    if isinstance(field, fields.Boolean):
        return "checkbox"
    if isinstance(field, fields.List):
        return "multiselect" if choices is not None else "text"
    if choices is not None:
        return "select"
    if isinstance(field, fields.Integer | fields.Float | fields.Decimal):
        return "number"
    if isinstance(field, fields.Date):
        return "date"
    return "text"


def build_fields(
    schema_class: type[marshmallow.Schema] | None,
    prefix: str,
    values: Mapping[str, Any],
    errors: Mapping[str, str],
) -> list[FormField]:
    """The inputs of ``schema_class``, named ``<prefix><field>``, filled with ``values``."""
    if schema_class is None:
        return []
    made = []
    for name, field in schema_class().fields.items():
        choices = _choices(field)
        kind = input_kind(field, choices)
        made.append(
            FormField(
                name=name,
                input_name=f"{prefix}{name}",
                label=str(field.metadata.get("label") or name.replace("_", " ").capitalize()),
                description=str(field.metadata.get("description") or ""),
                kind=kind,
                value=_shown(values.get(name), kind),
                choices=choices or (),
                error=errors.get(name, ""),
            )
        )
    return made


def _shown(value: Any, kind: str) -> Any:
    if kind == "multiselect":
        return [str(v) for v in value or []]
    if kind == "checkbox":
        return bool(value)
    return "" if value is None else str(value)


def read_form(
    schema_class: type[marshmallow.Schema], prefix: str, form: MultiDict[str, str]
) -> dict[str, Any]:
    """What the person sent for each field (empty inputs left out, so defaults apply)."""
    raw: dict[str, Any] = {}
    for name, field in schema_class().fields.items():
        kind = input_kind(field, _choices(field))
        key = f"{prefix}{name}"
        if kind == "checkbox":
            raw[name] = key in form
        elif kind == "multiselect":
            raw[name] = form.getlist(key)
        elif isinstance(field, fields.List):
            raw[name] = [part.strip() for part in form.get(key, "").split(",") if part.strip()]
        elif form.get(key, "").strip():
            raw[name] = form.get(key, "").strip()
    return raw


def load_options(
    schema_class: type[marshmallow.Schema] | None, raw: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Validate ``raw``; return ``(options, errors by field)``. Choices are enforced too."""
    if schema_class is None:
        return {}, {}
    schema = schema_class()
    errors = _choice_errors(schema, raw)
    try:
        options = schema.load(raw)
    except marshmallow.ValidationError as error:
        messages = error.normalized_messages()
        errors.update({str(k): _first(v) for k, v in messages.items()})
        return {}, errors
    return (options, errors) if not errors else ({}, errors)


def _choice_errors(schema: marshmallow.Schema, raw: dict[str, Any]) -> dict[str, str]:
    errors = {}
    for name, field in schema.fields.items():
        choices = _choices(field)
        if choices is None:
            continue
        allowed = {value for value, _label in choices}
        given = raw.get(name)
        values = given if isinstance(given, list) else [given] if given not in (None, "") else []
        if any(str(v) not in allowed for v in values):
            errors[name] = _("Choose from the list.")
    return errors


def _first(messages: Any) -> str:
    if isinstance(messages, dict):
        return _first(next(iter(messages.values()), ""))
    if isinstance(messages, list):
        return _first(messages[0]) if messages else ""
    return str(messages)
