"""The newsletter form, built in the request (its space and territory choices are live)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields, validate
from sqlalchemy import select

from pnyx.db import get_session
from pnyx.forms import TranslatedText
from pnyx.i18n import translated
from pnyx.models import Space
from pnyx.notifications.newsletters.audience import ALL, SPACES, TERRITORIES
from pnyx.toolkit.taxonomy import term_field


def newsletter_schema() -> type[Schema]:
    spaces = list(get_session().scalars(select(Space).order_by(Space.position, Space.id)))
    audience = validate.OneOf(
        [ALL, SPACES, TERRITORIES],
        labels=[
            _l("Everyone who accepted newsletters"),
            _l("Followers and participants of the spaces chosen below"),
            _l("People verified in the territories chosen below"),
        ],
    )
    space_choice = validate.OneOf(
        [space.id for space in spaces], labels=[translated(space.title) for space in spaces]
    )
    attributes: dict[str, Any] = {
        "subject": TranslatedText(required=True, max_length=200, metadata={"label": _l("Subject")}),
        "body": TranslatedText(
            required=True, rich=True, ugc=False, max_length=20000, metadata={"label": _l("Text")}
        ),
        "audience": fields.String(
            load_default=ALL,
            validate=audience,
            metadata={
                "label": _l("Recipients"),
                "widget": "radio",
                "description": _l("Only people who accepted newsletters receive them."),
            },
        ),
        "space_ids": fields.List(
            fields.Integer(validate=space_choice),
            load_default=list,
            metadata={"label": _l("Spaces")},
        ),
        "term_ids": term_field("territory", _l("Territories"), many=True, space=None),
    }
    return Schema.from_dict(attributes, name="NewsletterSchema")
