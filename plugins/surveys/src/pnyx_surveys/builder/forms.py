"""The builder's forms, drawn by the core's form generator (docs/forms.md).

Choices (and a matrix's rows) are one translated text area, one choice per
line: the n-th line of each language is the n-th choice. Staff edit a list of
twenty choices in one form, without JavaScript.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from pnyx import api
from pnyx_surveys import kinds

TEXT = 1000


class QuestionnaireSchema(Schema):
    title = api.TranslatedText(max_length=200, metadata={"label": api._l("Title of the survey")})
    description = api.TranslatedText(
        multiline=True, max_length=5000, metadata={"label": api._l("Introduction")}
    )


class SectionSchema(Schema):
    title = api.TranslatedText(max_length=200, metadata={"label": api._l("Title of the page")})
    description = api.TranslatedText(
        multiline=True, max_length=2000, metadata={"label": api._l("Text above its questions")}
    )


def _count(label: Any, default: int, maximum: int) -> fields.Integer:
    return fields.Integer(
        load_default=default,
        validate=validate.Range(min=0, max=maximum),
        metadata={"label": label},
    )


def question_schema(kind: str, conditions: list[tuple[str, str]], frozen: bool) -> type[Schema]:
    """The form of a question of ``kind``; ``conditions`` are ``(value, label)`` of the select.

    A frozen questionnaire gets texts only: the structure is shown, not editable.
    """
    attributes: dict[str, Any] = {
        "text": api.TranslatedText(
            required=True, max_length=TEXT, metadata={"label": api._l("Question")}
        ),
        "help": api.TranslatedText(
            multiline=True, max_length=TEXT, metadata={"label": api._l("Help text")}
        ),
    }
    if kind in kinds.WITH_CHOICES:
        attributes["choices"] = api.TranslatedText(
            multiline=True,
            required=True,
            max_length=10_000,
            metadata={"label": api._l("Choices, one per line")},
        )
    if kind == kinds.MATRIX:
        attributes["rows"] = api.TranslatedText(
            multiline=True,
            required=True,
            max_length=10_000,
            metadata={"label": api._l("Rows, one per line")},
        )
    if kind == kinds.SCALE:
        attributes["low"] = api.TranslatedText(
            max_length=100, metadata={"label": api._l("Label of the lowest point")}
        )
        attributes["high"] = api.TranslatedText(
            max_length=100, metadata={"label": api._l("Label of the highest point")}
        )
    if not frozen:
        attributes.update(_structure_fields(kind, conditions))
    return type("QuestionSchema", (_QuestionBase,), attributes)


def _structure_fields(kind: str, conditions: list[tuple[str, str]]) -> dict[str, Any]:
    found: dict[str, Any] = {
        "mandatory": fields.Boolean(
            load_default=False, metadata={"label": api._l("An answer is required")}
        ),
        "condition": fields.String(
            load_default="",
            validate=validate.OneOf(
                ["", *(value for value, _ in conditions)],
                labels=[api._("Always show it"), *(text for _, text in conditions)],
            ),
            metadata={"label": api._l("Show this question only if")},
        ),
    }
    if kind == kinds.MULTIPLE:
        found["min_choices"] = _count(api._l("At least this many choices (0: any)"), 0, 50)
        found["max_choices"] = _count(api._l("At most this many choices (0: any)"), 0, 50)
    if kind in (kinds.SINGLE, kinds.MULTIPLE):
        found["other"] = fields.Boolean(
            load_default=False, metadata={"label": api._l("Offer “Other, please specify”")}
        )
    if kind == kinds.MATRIX:
        found["multiple"] = fields.Boolean(
            load_default=False, metadata={"label": api._l("Several choices per row")}
        )
    if kind == kinds.SCALE:
        found["scale"] = fields.Integer(
            load_default=5,
            validate=validate.Range(min=2, max=kinds.MAX_SCALE),
            metadata={"label": api._l("Points of the scale (from 1 to N)")},
        )
    if kind == kinds.FILE:
        found["max_mb"] = fields.Integer(
            load_default=kinds.FILE_DEFAULT_MB,
            validate=validate.Range(min=1, max=kinds.FILE_MAX_MB),
            metadata={"label": api._l("Largest file, in MB")},
        )
        found["accept"] = fields.String(
            load_default="documents",
            validate=validate.OneOf(
                ["documents", "images", "both"],
                labels=[
                    api._("Documents (PDF, OpenDocument, Word, Excel, PowerPoint)"),
                    api._("Images (PNG, JPEG, GIF, WebP)"),
                    api._("Documents and images"),
                ],
            ),
            metadata={"label": api._l("Files accepted")},
        )
    if kind == kinds.NUMBER:
        found["minimum"] = fields.Integer(
            load_default=None, allow_none=True, metadata={"label": api._l("Smallest number")}
        )
        found["maximum"] = fields.Integer(
            load_default=None, allow_none=True, metadata={"label": api._l("Largest number")}
        )
    return found


class _QuestionBase(Schema):
    @validates_schema
    def _choices_line_up(self, data: dict[str, Any], **_: Any) -> None:
        for key in ("choices", "rows"):
            if key in data:
                counts = {len(lines(text)) for text in data[key].values()}
                if len(counts) > 1:
                    raise ValidationError(
                        api._("Every language needs the same number of lines."), key
                    )
                if max(counts, default=0) > kinds.MAX_CHOICES:
                    raise ValidationError(
                        api.ngettext(
                            "At most %(num)d line.", "At most %(num)d lines.", kinds.MAX_CHOICES
                        ),
                        key,
                    )
        low, high = data.get("min_choices", 0), data.get("max_choices", 0)
        if low and high and low > high:
            raise ValidationError(api._("The minimum is above the maximum."), "min_choices")
        low, high = data.get("minimum"), data.get("maximum")
        if low is not None and high is not None and low > high:
            raise ValidationError(api._("The smallest number is above the largest."), "minimum")


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def labels_by_line(value: dict[str, str]) -> list[dict[str, str]]:
    """``{"fr": "a\\nb", "en": "A\\nB"}`` → ``[{"fr": "a", "en": "A"}, {"fr": "b", "en": "B"}]``."""
    split = {locale: lines(text) for locale, text in value.items()}
    count = max((len(items) for items in split.values()), default=0)
    return [
        {locale: items[index] for locale, items in split.items() if index < len(items)}
        for index in range(count)
    ]


def lines_by_locale(labels: list[dict[str, str]]) -> dict[str, str]:
    """The reverse of :func:`labels_by_line`, to show stored choices in the form."""
    locales = {locale for label in labels for locale in label}
    return {locale: "\n".join(label.get(locale, "") for label in labels) for locale in locales}
