"""Dates and times a person reads are written to the minute (« 2 mars 2026, 10:05 »), never
with seconds; machine formats (``<time datetime>``) keep them."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import render_template_string
from flask_babel import force_locale

from pnyx import api
from pnyx.i18n import format_datetime

MOMENT = dt.datetime(2026, 3, 2, 9, 5, 42, tzinfo=dt.UTC)  # 10:05:42 in Paris


@pytest.fixture
def ctx(app, session, make_organization):
    make_organization(default_locale="fr", available_locales=["fr", "en", "co"])
    with app.test_request_context("/"):
        yield


@pytest.mark.parametrize(
    ("locale", "written"),
    [("fr", "2 mars 2026, 10:05"), ("en", "Mar 2, 2026, 10:05\u202fAM"), ("co", "10:05")],
)
def test_the_medium_format_stops_at_the_minute(ctx, locale: str, written: str) -> None:
    with force_locale(locale):
        assert written in format_datetime(MOMENT, "medium")
        assert format_datetime(MOMENT) == format_datetime(MOMENT, "medium")  # the default
        assert ":42" not in format_datetime(MOMENT, "medium")


@pytest.mark.parametrize("format", ["long", "full"])
def test_long_formats_have_no_seconds_either(ctx, format: str) -> None:
    with force_locale("fr"):
        written = format_datetime(MOMENT, format)
    assert "2 mars 2026" in written and "10:05" in written and "10:05:42" not in written


def test_short_and_patterns_are_babel_s(ctx) -> None:
    with force_locale("fr"):
        assert format_datetime(MOMENT, "short") == "02/03/2026 10:05"
        assert format_datetime(MOMENT, "d MMM y HH:mm:ss") == "2 mars 2026 10:05:42"


def test_the_filter_and_the_api_use_it(ctx) -> None:
    with force_locale("fr"):
        page = render_template_string("{{ moment|datetimeformat('medium') }}", moment=MOMENT)
        assert page == "2 mars 2026, 10:05"
        assert api.format_datetime(MOMENT, "medium") == page


def test_a_page_shows_the_minute(client, session, make_organization, make_user) -> None:
    make_organization(default_locale="fr", available_locales=["fr"])
    admin = make_user(roles=["admin"])
    person = make_user()
    person.created_at = MOMENT
    session.commit()
    client.sign_in(admin)
    html = client.get(f"/admin/users/{person.id}").text
    assert "<dd>2 mars 2026, 10:05</dd>" in html
