"""The group profile form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields, validate

from pnyx.forms import TranslatedText
from pnyx.groups.service import kind_labels


def profile_schema() -> Schema:
    kinds = kind_labels()
    return Schema.from_dict(
        {
            "name": fields.String(
                required=True,
                validate=validate.Length(min=2, max=200),
                metadata={"label": _l("Name of the organization")},
            ),
            "kind": fields.String(
                required=True,
                validate=validate.OneOf(list(kinds), labels=list(kinds.values())),
                metadata={"label": _l("Kind of organization")},
            ),
            "description": TranslatedText(
                rich=True, metadata={"label": _l("Description"), "description": _l("What it does.")}
            ),
            "website": fields.Url(
                load_default=None,
                allow_none=True,
                schemes={"http", "https"},
                validate=validate.Length(max=300),
                metadata={"label": _l("Website")},
            ),
            "logo_alt": fields.String(
                load_default="",
                validate=validate.Length(max=200),
                metadata={
                    "label": _l("Text alternative of the logo"),
                    "description": _l(
                        "What the logo shows, for people who cannot see it (required with a logo)."
                    ),
                },
            ),
        },
        name="GroupProfile",
    )()
