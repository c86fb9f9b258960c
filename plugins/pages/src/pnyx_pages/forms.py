"""The forms of a page and of a section (drawn and read by ``api.Form``)."""

from __future__ import annotations

import re

from marshmallow import Schema, fields, validate

from pnyx import api

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _slug_field() -> fields.String:
    return fields.String(
        required=True,
        validate=[
            validate.Length(max=80),
            validate.Regexp(
                SLUG, error=api._l("Use lowercase letters, digits and single hyphens, as in faq.")
            ),
        ],
        metadata={"label": api._l("Web address"), "help": api._l("As in about or resources.")},
    )


class PageSchema(Schema):
    title = api.TranslatedText(required=True, max_length=200, metadata={"label": api._l("Title")})
    slug = _slug_field()
    kind = fields.String(
        load_default="page",
        validate=validate.OneOf(
            ["page", "faq"], labels=[api._l("A page of text"), api._l("Questions and answers")]
        ),
        metadata={
            "label": api._l("Kind of page"),
            "help": api._l("On questions and answers, each section is a question and its answer."),
        },
    )
    body = api.TranslatedText(
        rich=True, ugc=False, max_length=50_000, metadata={"label": api._l("Text")}
    )
    position = fields.Integer(
        load_default=0,
        validate=validate.Range(min=0, max=1000),
        metadata={"label": api._l("Order"), "help": api._l("Pages are listed from 0 upwards.")},
    )
    published = fields.Boolean(load_default=False, metadata={"label": api._l("Published")})


class SitePageSchema(PageSchema):
    in_footer = fields.Boolean(
        load_default=True, metadata={"label": api._l("Linked from the footer of every page")}
    )


class SectionSchema(Schema):
    title = api.TranslatedText(
        required=True,
        max_length=300,
        metadata={"label": api._l("Heading"), "help": api._l("On a FAQ: the question.")},
    )
    body = api.TranslatedText(
        rich=True,
        ugc=False,
        max_length=20_000,
        metadata={"label": api._l("Text"), "help": api._l("On a FAQ: the answer.")},
    )
    position = fields.Integer(
        load_default=0,
        validate=validate.Range(min=0, max=1000),
        metadata={"label": api._l("Order")},
    )
