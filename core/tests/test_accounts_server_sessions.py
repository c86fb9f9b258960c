"""Signing out ends the session on the server; idle and absolute lifetimes; sign out
everywhere (issue 11, item 7)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, update

from pnyx.models import UserSession, utcnow

PASSWORD = "correct horse battery staple"


def sign_in_with_form(client, user) -> None:
    data = {"email": user.email, "password": PASSWORD}
    assert client.post_form("/sign-in", data=data).status_code == 302


@pytest.fixture
def camille(make_user):
    return make_user(email="camille@example.org", password=PASSWORD)


def opens_account(client) -> bool:
    return client.get("/account").status_code == 200


def test_a_cookie_captured_before_sign_out_opens_nothing_after(app, client, camille) -> None:
    sign_in_with_form(client, camille)
    assert opens_account(client)
    captured = client.get_cookie("session").value
    assert client.post_form("/sign-out").status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", captured)
    response = thief.get("/account")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_signing_in_records_a_session_and_signing_out_deletes_it(client, session, camille):
    count = select(func.count()).select_from(UserSession)
    sign_in_with_form(client, camille)
    assert session.scalar(count) == 1
    client.post_form("/sign-out")
    assert session.scalar(count) == 0


def age_sessions(session, **ago: dt.timedelta) -> None:
    now = utcnow()
    session.execute(update(UserSession).values({k: now - v for k, v in ago.items()}))
    session.commit()


def test_an_idle_session_ends(client, session, camille) -> None:
    sign_in_with_form(client, camille)
    age_sessions(session, last_seen_at=dt.timedelta(minutes=121))
    assert not opens_account(client)
    assert session.scalar(select(func.count()).select_from(UserSession)) == 0


def test_an_active_session_ends_after_its_absolute_lifetime(client, session, camille) -> None:
    sign_in_with_form(client, camille)
    age_sessions(session, last_seen_at=dt.timedelta(minutes=5))
    assert opens_account(client)
    age_sessions(session, created_at=dt.timedelta(hours=25), last_seen_at=dt.timedelta(0))
    assert not opens_account(client)


class TestConfiguredLifetimes:
    @pytest.fixture
    def pnyx_config(self) -> dict[str, int]:
        return {"SESSION_IDLE_MINUTES": 10, "SESSION_MAX_HOURS": 720}

    def test_the_idle_time_is_configurable(self, client, session, camille) -> None:
        sign_in_with_form(client, camille)
        age_sessions(session, last_seen_at=dt.timedelta(minutes=9))
        assert opens_account(client)
        age_sessions(session, last_seen_at=dt.timedelta(minutes=11))
        assert not opens_account(client)


def test_sign_out_everywhere_ends_every_device(app, client, camille) -> None:
    phone = app.test_client()
    sign_in_with_form(client, camille)
    sign_in_with_form(phone, camille)
    assert opens_account(client) and opens_account(phone)
    page = client.get("/account", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Sign out everywhere" in page
    response = client.post_form("/sign-out-everywhere")
    assert response.status_code == 302
    assert not opens_account(client) and not opens_account(phone)
    sign_in_with_form(phone, camille)  # signing in again works
    assert opens_account(phone)
