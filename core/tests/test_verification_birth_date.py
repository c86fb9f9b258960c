"""The ``birth_date`` handler: ages on the day of the action, and the whole flow."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import current_app, url_for
from sqlalchemy import select

from pnyx.models import ActionLog, Authorization
from pnyx.verification.handlers.birth_date import age_on, check, parse_birth_date

VOTING_DAY = dt.date(2026, 5, 12)
BIRTH_DATE_PAGE = "/account/verifications/birth-date"


@pytest.fixture
def pnyx_plugins(fake_plugins):
    fake_plugins(sample="sample_plugin")
    return ["sample"]


def freeze(monkeypatch, moment: dt.datetime) -> None:
    monkeypatch.setattr("pnyx.verification.clock.now", lambda: moment)


@pytest.fixture
def voting_day(monkeypatch):
    # Noon in Paris on the voting day.
    freeze(monkeypatch, dt.datetime(2026, 5, 12, 10, 0, tzinfo=dt.UTC))


def result(birth: str, options):
    return check(Authorization(handler="birth_date", data={"birth_date": birth}), options)


# -- Age boundaries (issue 3: "How we will check it") --------------------------------------


def test_turning_18_on_the_voting_day_is_no_longer_under_18(app, session, voting_day) -> None:
    assert age_on(dt.date(2008, 5, 12), VOTING_DAY) == 18
    assert age_on(dt.date(2008, 5, 13), VOTING_DAY) == 17
    with app.test_request_context():
        assert result("2008-05-12", {"maximum_age": 17}).status == "unauthorized"
        assert result("2008-05-13", {"maximum_age": 17}).status == "ok"


def test_turning_11_on_the_voting_day_is_11(app, session, voting_day) -> None:
    assert age_on(dt.date(2015, 5, 12), VOTING_DAY) == 11
    with app.test_request_context():
        assert result("2015-05-12", {"minimum_age": 11, "maximum_age": 17}).status == "ok"
        assert result("2015-05-13", {"minimum_age": 11, "maximum_age": 17}).status == "unauthorized"


def test_the_day_is_the_organizations(app, session, make_organization, monkeypatch) -> None:
    make_organization(time_zone="Europe/Paris")
    # 23:30 UTC on 11 May is already 12 May in Paris: the birthday has come.
    freeze(monkeypatch, dt.datetime(2026, 5, 11, 22, 30, tzinfo=dt.UTC))
    with app.test_request_context():
        assert result("2008-05-12", {"maximum_age": 17}).status == "unauthorized"
    freeze(monkeypatch, dt.datetime(2026, 5, 11, 21, 30, tzinfo=dt.UTC))
    with app.test_request_context():
        assert result("2008-05-12", {"maximum_age": 17}).status == "ok"


def test_29_february_birthdays_count_from_1_march_in_other_years() -> None:
    leapling = dt.date(2008, 2, 29)
    assert age_on(leapling, dt.date(2026, 2, 28)) == 17
    assert age_on(leapling, dt.date(2026, 3, 1)) == 18
    assert age_on(leapling, dt.date(2028, 2, 28)) == 19
    assert age_on(leapling, dt.date(2028, 2, 29)) == 20


def test_options_must_be_ordered(app) -> None:
    from pnyx.verification.handlers.birth_date import BirthDateOptions

    with app.test_request_context():
        errors = BirthDateOptions().validate({"minimum_age": 18, "maximum_age": 17})
    assert "maximum_age" in errors


# -- The page and the whole flow ------------------------------------------------------------


@pytest.fixture
def youth_board(make_space, make_component, session):
    space = make_space(steps=1, active=0)
    board = make_component(space, "sample", settings={"default_step": {"posting_enabled": True}})
    board.permissions = {
        "sample.post": {
            "authorizations": [{"handler": "birth_date", "options": {"maximum_age": 17}}]
        }
    }
    session.commit()
    return board


def board_url(board, endpoint: str = "post") -> str:
    with current_app.test_request_context():
        return url_for(f"sample.{endpoint}", space_slug=board.space.slug, component_id=board.id)


def post_url(board) -> str:
    return board_url(board)


def test_full_flow_under_18_only(client, session, make_user, youth_board, voting_day) -> None:
    adult = make_user(name="Forty")
    client.sign_in(adult)
    client.post_form("/account/verifications/birth-date", data={"birth_date": "1986-03-02"})
    refused = client.post_form(post_url(youth_board), data={})
    assert refused.status_code == 403
    page = refused.get_data(as_text=True)
    assert "This is for people aged 17 or under." in page
    # Their date is recorded and cannot be changed: no link sends them back to it.
    assert "/account/verifications/birth-date" not in page and "Verify your eligibility" not in page

    teen = make_user(name="Sixteen")
    client.sign_in(teen)
    first = client.post_form(post_url(youth_board), data={})
    assert first.status_code == 403
    assert "/account/verifications/birth-date?next=" in first.get_data(as_text=True)
    back_to = board_url(youth_board, "index")
    verified = client.post_form(
        f"/account/verifications/birth-date?next={back_to}", data={"birth_date": "2010-01-15"}
    )
    assert verified.status_code == 302 and verified.headers["Location"] == back_to
    assert client.post_form(post_url(youth_board), data={}).status_code == 200


def test_form_error_keeps_what_was_typed(client, make_user, voting_day) -> None:
    client.sign_in(make_user())
    response = client.post_form(
        "/account/verifications/birth-date", data={"birth_date": "31/13/2010"}
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'value="31/13/2010"' in page and 'aria-invalid="true"' in page
    assert 'aria-describedby="birth_date-error"' in page


@pytest.mark.parametrize(
    ("language", "example"), [("en", "2008-05-31"), ("fr", "31/05/2008"), ("co", "31/05/2008")]
)
def test_the_error_gives_an_example_in_the_readers_way_of_writing_dates(
    client, make_user, voting_day, language, example
) -> None:
    """A French reader sees 'jj/mm/aaaa' in the field: the example was '2008-05-31'."""
    client.sign_in(make_user())
    response = client.post_form(
        "/account/verifications/birth-date",
        data={"birth_date": "hier"},
        headers={"Accept-Language": language},
    )
    assert response.status_code == 400 and example in response.get_data(as_text=True)
    assert parse_birth_date(example, dt.date(2026, 5, 12)) == dt.date(2008, 5, 31)


@pytest.mark.parametrize("typed", ["2030-01-01", "1850-01-01"])
def test_implausible_dates_are_refused(client, make_user, voting_day, typed) -> None:
    client.sign_in(make_user())
    response = client.post_form("/account/verifications/birth-date", data={"birth_date": typed})
    assert response.status_code == 400


def test_french_date_format_is_accepted_and_logged_privately(
    client, session, make_user, voting_day
) -> None:
    user = make_user()
    client.sign_in(user)
    response = client.post_form(
        "/account/verifications/birth-date", data={"birth_date": "15/01/2010"}
    )
    assert response.status_code == 302
    stored = session.scalar(select(Authorization).where(Authorization.user_id == user.id))
    assert stored.data == {"birth_date": "2010-01-15"} and stored.unique_id_hash is None
    log = session.scalar(select(ActionLog).where(ActionLog.action == "pnyx.authorization.granted"))
    assert log.actor_id == user.id and log.visibility == "private"
    assert "2010" not in str(log.extra)


def test_a_recorded_birth_date_cannot_be_changed_by_the_person(
    client, session, make_user, voting_day
) -> None:
    user = make_user()
    client.sign_in(user)
    client.post_form("/account/verifications/birth-date", data={"birth_date": "2010-01-15"})
    client.post_form("/account/verifications/birth-date", data={"birth_date": "1990-01-15"})
    stored = session.scalar(select(Authorization).where(Authorization.user_id == user.id))
    assert stored.data == {"birth_date": "2010-01-15"}
    assert "ask the organization" in client.get("/account/verifications/birth-date").get_data(
        as_text=True
    )


def test_next_that_only_accepts_post_falls_back_to_the_list(
    client, make_user, youth_board, voting_day
) -> None:
    client.sign_in(make_user())
    url = f"{BIRTH_DATE_PAGE}?next={post_url(youth_board)}"
    response = client.post_form(url, data={"birth_date": "2010-01-15"})
    assert response.headers["Location"] == "/account/verifications"


def test_the_form_warns_before_saving_that_the_date_is_final(client, make_user) -> None:
    client.sign_in(make_user())
    page = client.get(BIRTH_DATE_PAGE).get_data(as_text=True)
    start = page.index('<form method="post" class="form"')
    form = page[start : page.index("</form>", start)]
    assert "once it is saved, you cannot change it yourself" in form
    assert form.index("you cannot change it yourself") < form.index('type="submit"')
