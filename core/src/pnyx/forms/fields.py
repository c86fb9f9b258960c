"""Marshmallow fields the form layer knows how to draw beyond marshmallow's own."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from marshmallow import fields

#: A locale code as stored in translated fields: ``fr``, ``en``, ``co``, ``pt_BR``.
LOCALE_CODE = re.compile(r"^[a-z]{2,3}(?:[_-][A-Za-z]{2,4})?$")


class TranslatedText(fields.Field):
    """A content field written once per language: ``{"fr": "Budget", "en": "Budget"}``.

    Loading strips every text and drops empty ones, so a stored value only
    holds the languages somebody wrote. ``required=True`` refuses a value with
    no text at all; the form layer also requires the organization's default
    language, which only it knows. ``multiline=True`` draws text areas;
    ``max_length`` limits each translation. ``rich=True`` (implies multiline)
    marks rich text (docs/rich-text.md): the form shows the formatting hint and,
    when the person presses the preview button, each language rendered;
    ``ugc=False`` says only staff write it (links then lose ``nofollow ugc``).
    """

    default_error_messages = {
        "invalid": "Not a valid translated text.",
        "empty": "Write this text in at least one language.",
        "locale": "Not a valid language code.",
        "too_long": "Each translation has at most {max_length} characters.",
    }

    def __init__(
        self,
        *,
        multiline: bool = False,
        max_length: int | None = None,
        rich: bool = False,
        ugc: bool = True,
        **kwargs: Any,
    ):
        if not kwargs.get("required"):
            kwargs.setdefault("load_default", dict)
        super().__init__(**kwargs)
        self.multiline = multiline or rich
        self.max_length = max_length
        self.rich = rich
        self.ugc = ugc

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> dict:
        if not isinstance(value, Mapping):
            raise self.make_error("invalid")
        cleaned: dict[str, str] = {}
        for locale, text in value.items():
            if not isinstance(locale, str) or not LOCALE_CODE.match(locale):
                raise self.make_error("locale")
            if text is None:
                continue
            if not isinstance(text, str):
                raise self.make_error("invalid")
            if text.strip():
                cleaned[locale] = text.strip()
        if self.max_length is not None and any(len(t) > self.max_length for t in cleaned.values()):
            raise self.make_error("too_long", max_length=self.max_length)
        if self.required and not cleaned:
            raise self.make_error("empty")
        return cleaned

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> dict | None:
        return dict(value) if value is not None else None
