"""Dates, numbers and amounts are written the reader's way (Babel), in pages and helpers."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from flask import render_template_string
from flask_babel import force_locale

from pnyx.action_log import log_action
from pnyx.i18n import format_currency, format_decimal, format_number, format_percent
from pnyx.models import Step
from pnyx.templating import format_step_dates

NNBSP, NBSP = "\u202f", "\u00a0"  # French groups digits with a narrow no-break space


@pytest.fixture
def pnyx_plugins(fake_plugins):
    """A component type with a figure (1234 votes) for the space page's statistics."""
    fake_plugins("shell_plugin", shell="shell_sample")
    return ["shell"]


@pytest.fixture
def ctx(app, session, make_organization):
    make_organization(default_locale="fr", available_locales=["fr", "en", "co"])
    with app.test_request_context("/"):
        yield


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("fr", "du 2 mars 2026 au 30 avril 2026"),
        ("en", "March 2, 2026 – April 30, 2026"),
        ("co", "da u 2 di marzu di u 2026 sin’à u 30 d’aprile di u 2026"),
    ],
)
def test_phase_dates_read_naturally(ctx, locale: str, expected: str) -> None:
    step = Step(position=0, title={}, start_date=dt.date(2026, 3, 2), end_date=dt.date(2026, 4, 30))
    with force_locale(locale):
        assert format_step_dates(step) == expected


def test_open_ended_phases(ctx) -> None:
    starts = Step(position=0, title={}, start_date=dt.date(2026, 3, 2))
    ends = Step(position=0, title={}, end_date=dt.date(2026, 4, 30))
    with force_locale("fr"):
        assert format_step_dates(starts) == "à partir du 2 mars 2026"
        assert format_step_dates(ends) == "jusqu’au 30 avril 2026"
    with force_locale("en"):
        assert format_step_dates(starts) == "from March 2, 2026"
        assert format_step_dates(ends) == "until April 30, 2026"


@pytest.mark.parametrize(
    ("locale", "amount", "number", "decimal", "percent"),
    [
        ("fr", f"1{NNBSP}100{NNBSP}000,00{NBSP}€", f"1{NNBSP}234", "12,5", f"25{NBSP}%"),
        ("en", "€1,100,000.00", "1,234", "12.5", "25%"),
        # Corsican has no number formats of its own in CLDR: French conventions.
        ("co", f"1{NNBSP}100{NNBSP}000,00{NBSP}€", f"1{NNBSP}234", "12,5", f"25{NBSP}%"),
    ],
)
def test_numbers_and_amounts(
    ctx, locale: str, amount: str, number: str, decimal: str, percent: str
) -> None:
    with force_locale(locale):
        assert format_currency(1_100_000, "EUR") == amount
        assert format_number(1234) == number
        assert format_decimal(12.5, "0.0#") == decimal
        assert format_percent(0.25) == percent
        template = "{{ a|currencyformat('EUR') }}|{{ n|numberformat }}|{{ r|percentformat }}"
        assert render_template_string(template, a=1_100_000, n=1234, r=0.25) == (
            f"{amount}|{number}|{percent}"
        )


@pytest.mark.parametrize(
    ("locale", "figure", "dates"),
    [
        ("fr", f"1{NNBSP}234", "du 2 mars 2026 au 30 avril 2026"),
        ("en", "1,234", "March 2, 2026 – April 30, 2026"),
    ],
)
def test_the_space_page_writes_dates_and_figures_for_its_reader(
    client, make_space, make_component, locale: str, figure: str, dates: str
) -> None:
    space = make_space(
        steps=[
            {"title": "Vote", "start_date": dt.date(2026, 3, 2), "end_date": dt.date(2026, 4, 30)}
        ]
    )
    make_component(space, "shell")
    html = client.get(f"/spaces/{space.slug}", headers={"Accept-Language": locale}).text
    assert f"<dd>{figure}</dd>" in html  # the plugin's "Votes" figure
    assert f'<span class="phase-dates">{dates}</span>' in html


@pytest.mark.parametrize(
    ("locale", "written"), [("fr", "02/03/2026 10:05"), ("en", "3/2/26, 10:05\u202fAM")]
)
def test_action_log_times_are_local_and_written_the_reader_way(
    client, session, make_user, locale: str, written: str
) -> None:
    admin = make_user(roles=["admin"])
    entry = log_action(session, "pnyx.sample", actor_id=admin.id)
    entry.created_at = dt.datetime(2026, 3, 2, 9, 5, tzinfo=dt.UTC)  # 10:05 in Paris
    session.commit()
    client.sign_in(admin)
    html = client.get("/admin/log", headers={"Accept-Language": locale}).text
    assert f'<time datetime="2026-03-02T09:05:00+00:00">{written}</time>' in html


@pytest.mark.parametrize(
    ("locale", "third", "half", "tiny"),
    [
        ("fr", f"33,6{NBSP}%", f"50{NBSP}%", f"0{NBSP}%"),
        ("en", "33.6%", "50%", "0%"),
        ("co", f"33,6{NBSP}%", f"50{NBSP}%", f"0{NBSP}%"),
    ],
)
def test_percentages_keep_the_decimals_asked_for(
    ctx, locale: str, third: str, half: str, tiny: str
) -> None:
    with force_locale(locale):
        assert format_percent(0.3361, digits=1) == third
        assert format_percent(Fraction(1, 2), digits=1) == half
        assert format_percent(0.0004, digits=1) == tiny
        assert render_template_string("{{ r|percentformat(digits=1) }}", r=0.3361) == third


def test_amounts_and_percentages_never_break_over_two_lines(ctx) -> None:
    # A pattern given by a caller may hold a plain space: it becomes a no-break space.
    with force_locale("en"):
        assert format_currency(5, "EUR", format="#,##0.00 ¤") == f"5.00{NBSP}€"
        assert format_percent(0.5, format="#,##0 %") == f"50{NBSP}%"
        assert format_decimal(1234.5, "#,##0.0 'pts'") == f"1,234.5{NBSP}pts"
    for locale in ("fr", "en", "co"):
        with force_locale(locale):
            written = [format_currency(350_000, "EUR"), format_percent(0), format_number(10**6)]
            assert [text for text in written if " " in text] == []
