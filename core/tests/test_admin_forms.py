"""The form layer (pnyx.forms): marshmallow schemas drawn as HTML fields and read back."""

from __future__ import annotations

import datetime as dt
import decimal
import enum

import pytest
from flask import render_template_string
from marshmallow import Schema, ValidationError, fields, validate, validates_schema
from werkzeug.datastructures import MultiDict

from pnyx import api
from pnyx.forms import Form, TranslatedText

MACROS = '{% from "pnyx/forms/fields.html" import error_summary, render_fields %}'


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


class Address(Schema):
    city = fields.String(required=True, metadata={"label": "City"})


class Everything(Schema):
    title = TranslatedText(required=True, metadata={"label": "Title", "description": "Short."})
    body = TranslatedText(multiline=True)
    count = fields.Integer(load_default=3, validate=validate.Range(min=1, max=10))
    price = fields.Decimal(load_default=None, allow_none=True)
    day = fields.Date(load_default=None, allow_none=True)
    starts = fields.AwareDateTime(load_default=None, allow_none=True)
    enabled = fields.Boolean(load_default=False)
    email = fields.Email(load_default="")
    website = fields.Url(load_default=None, allow_none=True)
    mode = fields.String(load_default="a", validate=validate.OneOf(["a", "b"], labels=["A", "B"]))
    colour = fields.Enum(Colour, load_default=Colour.RED)
    tags = fields.List(fields.String(validate=validate.OneOf(["x", "y"])), load_default=list)
    lines = fields.List(fields.String(), load_default=list)
    address = fields.Nested(Address, load_default=None, allow_none=True)
    note = fields.String(load_default="", metadata={"widget": "textarea"})
    secret = fields.String(dump_only=True)


def form_data(**values: object) -> MultiDict:
    data = MultiDict({"title.fr": "Titre", "address.city": "Ajaccio"})
    for key, value in values.items():
        if isinstance(value, list):
            data.setlist(key, value)
        else:
            data[key] = value
    return data


@pytest.fixture
def ctx(app, session, make_organization):
    make_organization(available_locales=["fr", "en"], default_locale="fr")
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        yield


def test_widgets_follow_marshmallow_fields(ctx) -> None:
    form = Form(Everything)
    widgets = {field.key: field.widget for field in form}
    assert widgets == {
        "title": "translated",
        "body": "translated",
        "count": "integer",
        "price": "decimal",
        "day": "date",
        "starts": "datetime",
        "enabled": "checkbox",
        "email": "email",
        "website": "url",
        "mode": "select",
        "colour": "select",
        "tags": "checkboxes",
        "lines": "lines",
        "address": "group",
        "note": "textarea",
    }
    assert form["mode"].choices == [("a", "A"), ("b", "B")]
    assert form["title"].label == "Title" and form["title"].help == "Short."
    assert form["count"].label == "Count" and form["count"].value == "3"
    assert form["count"].limits == {"min": 1, "max": 10}


def test_a_choice_among_none_yet_is_still_a_select(ctx) -> None:
    """With no space group yet, the space form's "Group" was a number box (any number was
    refused with "Choose one of the options"): a select with only its empty choice."""

    class Grouped(Schema):
        group_id = fields.Integer(load_default=None, allow_none=True, validate=validate.OneOf([]))
        tags = fields.List(fields.String(validate=validate.OneOf([])), load_default=list)

    form = Form(Grouped)
    assert (form["group_id"].widget, form["group_id"].choices) == ("select", [])
    assert form["tags"].widget == "checkboxes"
    html = render_template_string(MACROS + "{{ render_fields(form) }}", form=form)
    assert '<select id="f-group_id" name="group_id"' in html and 'type="number"' not in html


def test_a_valid_submission_loads_typed_values(ctx) -> None:
    form = Form(Everything)
    data = form_data(
        **{
            "title.en": " Title ",
            "count": "7",
            "price": "1 234,50",
            "day": "2026-09-30",
            "starts": "2026-09-30T18:00",
            "enabled": "true",
            "mode": "b",
            "colour": "BLUE",
            "tags": ["x", "y"],
            "lines": "one\r\n\r\ntwo ",
        }
    )
    assert form.validate(data), form.error_list()
    assert form.data["title"] == {"fr": "Titre", "en": "Title"}
    assert form.data["count"] == 7 and form.data["price"] == decimal.Decimal("1234.50")
    assert form.data["day"] == dt.date(2026, 9, 30)
    # Typed in the organization's time zone (Paris, summer time).
    assert form.data["starts"] == dt.datetime(2026, 9, 30, 16, 0, tzinfo=dt.UTC)
    assert form.data["enabled"] is True and form.data["colour"] is Colour.BLUE
    assert form.data["tags"] == ["x", "y"] and form.data["lines"] == ["one", "two"]
    assert form.data["address"] == {"city": "Ajaccio"}
    assert form.data["body"] == {} and "secret" not in form.data


def test_unchecked_boxes_and_empty_inputs(ctx) -> None:
    form = Form(Everything, {"enabled": True, "count": 5})
    assert form.validate(form_data(count=""))
    assert form.data["enabled"] is False  # an unchecked box is not sent at all
    assert form.data["count"] == 3  # empty: the default applies
    assert form.data["price"] is None and form.data["email"] == ""


def test_errors_are_translated_next_to_fields_and_typed_values_kept(ctx) -> None:
    form = Form(Everything)
    data = form_data(count="twelve", day="30/09/2026", email="nobody", mode="c")
    assert not form.validate(data)
    assert form["count"].errors == ["Enter a whole number, such as 12."]
    assert form["count"].value == "twelve"
    assert form["day"].errors == ["Enter a date as year-month-day, such as 2026-09-30."]
    assert form["email"].errors == ["Enter an e-mail address, such as name@example.org."]
    assert form["mode"].errors == ["Choose one of the options."]
    assert not form["title"].has_errors


def test_validator_messages_say_what_to_enter(ctx) -> None:
    form = Form(Everything)
    assert not form.validate(form_data(count="11"))
    assert form["count"].errors == ["Enter a number from 1 to 10."]


def test_messages_in_french(app, session, make_organization) -> None:
    make_organization()
    with app.test_request_context("/", headers={"Accept-Language": "fr"}):
        form = Form(Everything)
        assert not form.validate(form_data(**{"title.fr": ""}))
        (message,) = form["title"].locale_errors["fr"]
        assert "français" in message


def test_translations_have_a_length_limit(ctx) -> None:
    class Short(Schema):
        name = TranslatedText(max_length=5)

    form = Form(Short)
    html = render_template_string(MACROS + "{{ render_fields(form) }}", form=form)
    assert 'name="name.fr" lang="fr" value="" maxlength="5"' in html
    assert not form.validate(MultiDict({"name.en": "Far too long"}))
    assert form["name"].errors == ["Write at most 5 characters in each language."]


def test_the_default_language_is_required(ctx) -> None:
    form = Form(Everything)
    assert not form.validate(form_data(**{"title.fr": "", "title.en": "Only English"}))
    assert form["title"].locale_errors == {
        "fr": ["Write this text in French, the main language of the site."]
    }
    assert form["title"].value == {"fr": "", "en": "Only English"}
    assert form.error_list() == [
        ("f-title-fr", "Write this text in French, the main language of the site.")
    ]


def test_translations_in_other_languages_are_kept(ctx) -> None:
    form = Form(Everything, {"title": {"fr": "Titre", "co": "Titulu"}})
    assert [locale for locale in form["title"].locales] == ["fr", "en"]
    assert form.validate(form_data(**{"title.fr": "Nouveau"}))
    assert form.data["title"] == {"co": "Titulu", "fr": "Nouveau"}


def test_schema_errors_and_nested_errors(ctx) -> None:
    class Period(Schema):
        start = fields.Integer(required=True)
        end = fields.Integer(required=True)

        @validates_schema
        def ordered(self, data, **kwargs):
            if data["end"] < data["start"]:
                raise ValidationError("The end comes before the start.", field_name="end")

        @validates_schema
        def whole(self, data, **kwargs):
            raise ValidationError("Something else is wrong.")

    form = Form(Period)
    assert not form.validate(MultiDict({"start": "5", "end": "2"}))
    assert form["end"].errors == ["The end comes before the start."]
    assert form.form_errors == ["Something else is wrong."]
    nested = Form(Everything)
    assert not nested.validate(form_data(**{"address.city": ""}))
    assert nested["address"].children[0].errors == ["This field is required."]


def test_prefixed_forms_take_absolute_error_keys(ctx) -> None:
    form = Form(Everything, prefix="steps.4")
    assert form["count"].name == "steps.4.count" and form["count"].id == "f-steps-4-count"
    raw = form.extract(MultiDict({"steps.4.title.fr": "T", "steps.4.count": "4"}))
    assert raw["count"] == 4 and raw["title"] == {"fr": "T"}
    form.set_errors({"steps.4.count": ["Too many."], "global.other": ["Elsewhere."]})
    assert form["count"].errors == ["Too many."]
    assert form.form_errors == ["Elsewhere."]


def test_unknown_widget_is_refused(ctx) -> None:
    class Wrong(Schema):
        name = fields.String(metadata={"widget": "slider"})

    with pytest.raises(ValueError, match="unknown widget 'slider'"):
        Form(Wrong)


def test_macros_draw_labels_hints_and_errors(ctx) -> None:
    form = Form(Everything)
    form.validate(form_data(count="0", **{"title.fr": ""}))
    html = render_template_string(
        MACROS + "{{ error_summary(form) }}{{ render_fields(form) }}", form=form
    )
    assert '<label for="f-count">Count</label>' in html
    assert 'id="f-count" name="count" value="0"' in html
    assert 'aria-describedby="f-count-error" aria-invalid="true"' in html
    assert '<p class="error" id="f-count-error">Enter a number from 1 to 10.</p>' in html
    assert '<legend>Title <span class="required">(required)</span></legend>' in html
    assert 'name="title.fr" lang="fr"' in html and 'name="title.en" lang="en"' in html
    assert 'aria-describedby="f-title-hint f-title-fr-error" aria-invalid="true" required' in html
    assert '<a href="#f-title-fr">' in html and '<a href="#f-count">' in html
    assert 'type="checkbox" id="f-tags-0" name="tags" value="x"' in html
    assert '<option value="b">B</option>' in html
    assert 'type="datetime-local"' in html and 'type="date"' in html


def test_radio_widget_with_descriptions(ctx) -> None:
    class Choice(Schema):
        kind = fields.String(
            required=True,
            validate=validate.OneOf(["a", "b"], labels=["Alpha", "Beta"]),
            metadata={"widget": "radio", "choice_descriptions": {"a": "The first."}},
        )

    form = Form(Choice, {"kind": "b"})
    html = render_template_string(MACROS + "{{ render_fields(form) }}", form=form)
    assert (
        'type="radio" id="f-kind-0" name="kind" value="a" aria-describedby="f-kind-0-hint"' in html
    )
    assert 'value="b" checked' in html and "The first." in html
    assert not form.validate(MultiDict())
    assert form.error_list() == [("f-kind-0", "This field is required.")]


def test_api_exports_the_form_layer() -> None:
    assert api.Form is Form and api.TranslatedText is TranslatedText


def test_translated_text_field_alone() -> None:
    field = TranslatedText(required=True, max_length=5)
    assert field.deserialize({"fr": " Oui ", "en": ""}) == {"fr": "Oui"}
    with pytest.raises(ValidationError):
        field.deserialize({"fr": "  "})
    with pytest.raises(ValidationError):
        field.deserialize({"fr": "Beaucoup trop long"})
    with pytest.raises(ValidationError):
        field.deserialize({"not a locale": "x"})
    with pytest.raises(ValidationError):
        field.deserialize("just text")


def test_the_error_summary_names_each_field(ctx) -> None:
    form = Form(Everything)
    assert not form.validate(form_data(**{"title.fr": "", "count": "99"}))
    assert form.error_items()[0][:2] == ("f-title-fr", "Title (fr)")
    html = render_template_string(
        '{% from "pnyx/forms/fields.html" import error_summary %}{{ error_summary(form) }}',
        form=form,
    )
    assert '<a href="#f-title-fr">Title (fr): Write this text in French' in html
    assert '<a href="#f-count">Count: ' in html  # a label made from the key
