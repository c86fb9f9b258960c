"""Amounts and percentages follow the reader's locale through pnyx.api's helpers: Corsican
reads French conventions (Babel alone gave the root's "€ 1,100,000.00"), never a line break."""

from __future__ import annotations

from fractions import Fraction

import pytest
from flask import render_template_string
from flask_babel import force_locale

from pnyx_budgets.money import format_money

pytestmark = pytest.mark.pnyx_plugins("budgets")
NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("locale", "amount", "share"),
    [
        ("fr", f"1{NNBSP}100{NNBSP}000,00{NBSP}€", f"33,6{NBSP}%"),
        ("co", f"1{NNBSP}100{NNBSP}000,00{NBSP}€", f"33,6{NBSP}%"),
        ("en", "€1,100,000.00", "33.6%"),
    ],
)
def test_amounts_and_shares_are_written_the_reader_way(
    app, locale: str, amount: str, share: str
) -> None:
    with app.test_request_context("/"), force_locale(locale):
        assert format_money(110_000_000, "EUR") == amount
        written = render_template_string(
            '{% from "budgets/_macros.html" import progress_bar %}'
            "{{ share|percentformat(digits=1) }}|{{ progress_bar(project) }}",
            share=Fraction(336, 1000),
            project={"id": 1, "progress": 40},
        )
        assert written.startswith(f"{share}|")
        assert ("40" + (NBSP if locale != "en" else "") + "%") in written
