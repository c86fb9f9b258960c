"""Typed dates stay in a sensible window: from the year 2000 to 50 years from now
(pnyx.forms.dates, docs/forms.md "Dates"), with a message naming the field, the typed date kept."""

from __future__ import annotations

import datetime as dt

import pytest
from marshmallow import ValidationError
from sqlalchemy import select

from pnyx import api
from pnyx.forms.dates import EARLIEST_YEAR, YEARS_AHEAD
from pnyx.models import Step


@pytest.fixture
def pnyx_plugins(fake_plugins):
    fake_plugins(folder="admin_plugins", keeper="pnyx_keeper.plugin")
    return ["keeper"]


@pytest.fixture
def admin(client, make_user, make_organization):
    make_organization()
    user = make_user(roles=["admin"])
    client.sign_in(user)
    return user


def test_the_window_runs_from_2000_to_fifty_years_ahead(app) -> None:
    last = dt.date.today().year + YEARS_AHEAD
    check = api.SensibleDate()
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert check(dt.date(EARLIEST_YEAR, 1, 1)) == dt.date(2000, 1, 1)
        assert check(dt.datetime(last, 12, 31, 23, 59)).year == last
        assert check(None) is None
        for refused in (dt.date(2, 3, 28), dt.date(1999, 12, 31), dt.date(last + 1, 1, 1)):
            with pytest.raises(ValidationError, match="from the year 2000 to the year"):
                check(refused)


@pytest.mark.parametrize("typed", ["0002-03-28", "9999-12-31", "1999-12-31"])
def test_a_phase_date_out_of_the_window_is_refused_and_kept(
    client, session, make_space, admin, typed
) -> None:
    make_space(slug="p", steps=0)
    response = client.post_form(
        "/admin/spaces/p/steps/new",
        {"title.fr": "Vote", "start_date": "2026-10-01", "end_date": typed},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    last = dt.date.today().year + YEARS_AHEAD
    message = f"Give a date from the year 2000 to the year {last}."
    assert f'id="f-end_date-error">{message}' in page
    assert f'href="#f-end_date">End date: {message}' in page  # the summary names the field
    assert f'value="{typed}"' in page
    assert session.scalar(select(Step)) is None
