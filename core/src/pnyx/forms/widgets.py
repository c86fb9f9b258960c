"""Which HTML control draws a marshmallow field, with its choices and limits.

The widget is chosen from the field's class; ``metadata["widget"]`` overrides
it (``"textarea"`` for a long :class:`~marshmallow.fields.String`,
``"lines"`` for a list of free texts, ``"radio"`` for a few choices shown at
once, each with its ``metadata["choice_descriptions"][value]`` if given). Choices come from a
:class:`~marshmallow.validate.OneOf` validator (its ``labels`` are shown) or
from an :class:`~marshmallow.fields.Enum`.
"""

from __future__ import annotations

import enum
from typing import Any

from marshmallow import fields, validate

from pnyx.forms.fields import TranslatedText

#: Widget names, as the templates know them.
WIDGETS = (
    "text",
    "textarea",
    "integer",
    "decimal",
    "checkbox",
    "date",
    "datetime",
    "email",
    "url",
    "select",
    "radio",
    "checkboxes",
    "lines",
    "translated",
    "group",
)

# Checked in this order: subclasses before their parents (Email and Url are Strings).
_BY_CLASS: tuple[tuple[type, str], ...] = (
    (TranslatedText, "translated"),
    (fields.Email, "email"),
    (fields.Url, "url"),
    (fields.Boolean, "checkbox"),
    (fields.Integer, "integer"),
    (fields.Decimal, "decimal"),
    (fields.Float, "decimal"),
    (fields.DateTime, "datetime"),
    (fields.Date, "date"),
    (fields.Enum, "select"),
    (fields.Nested, "group"),
    (fields.List, "lines"),
    (fields.String, "text"),
)


def widget_for(field: fields.Field) -> str:
    """The widget name that draws ``field``."""
    wanted = field.metadata.get("widget")
    if wanted in WIDGETS:
        return str(wanted)
    if wanted is not None:
        raise ValueError(f"unknown widget {wanted!r}; use one of {', '.join(WIDGETS)}")
    if has_choices(field):
        return "select"
    if isinstance(field, fields.List) and has_choices(field.inner):
        return "checkboxes"
    for field_class, widget in _BY_CLASS:
        if isinstance(field, field_class):
            return widget
    return "text"


def has_choices(field: fields.Field) -> bool:
    """Whether ``field`` takes one of a list, even an empty one: with no space group yet,
    the space form's "Group" was a number box where any number was refused."""
    return isinstance(field, fields.Enum) or any(
        isinstance(validator, validate.OneOf) for validator in field.validators
    )


def choices_of(field: fields.Field) -> list[tuple[str, str]]:
    """``(value, label)`` pairs a field accepts, or ``[]`` for free input."""
    if isinstance(field, fields.Enum):
        return [(_enum_value(field, member), _enum_label(member)) for member in field.enum]
    for validator in field.validators:
        if isinstance(validator, validate.OneOf):
            labels = list(validator.labels) or list(validator.choices)
            return [
                (str(c), str(label)) for c, label in zip(validator.choices, labels, strict=False)
            ]
    return []


def _enum_value(field: fields.Enum, member: enum.Enum) -> str:
    return str(member.value) if field.by_value else member.name


def _enum_label(member: enum.Enum) -> str:
    label = getattr(member, "label", None)
    return str(label) if label is not None else str(member.value)


def html_limits(field: fields.Field, widget: str) -> dict[str, Any]:
    """HTML attributes that tell the browser the field's limits (``min``, ``maxlength``...).

    They help people before they submit; the server validates anyway.
    """
    limits: dict[str, Any] = {}
    for validator in field.validators:
        if isinstance(validator, validate.Range) and widget == "integer":
            if validator.min is not None and validator.min_inclusive:
                limits["min"] = validator.min
            if validator.max is not None and validator.max_inclusive:
                limits["max"] = validator.max
        if isinstance(validator, validate.Length) and widget in ("text", "textarea"):
            if validator.max is not None:
                limits["maxlength"] = validator.max
            if validator.equal is not None:
                limits["maxlength"] = validator.equal
    if isinstance(field, TranslatedText) and field.max_length:
        limits["maxlength"] = field.max_length
    return limits
