"""Admin pages: per-action requirements of a component, revocation, settings."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from pnyx.models import ActionLog, Authorization, TaxonomyTerm

NOW = dt.datetime(2026, 5, 12, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def pnyx_plugins(fake_plugins):
    fake_plugins(sample="sample_plugin")
    return ["sample"]


@pytest.fixture
def board(make_space, make_component):
    return make_component(make_space(steps=1, active=0), "sample")


@pytest.fixture
def admin(client, make_user):
    user = make_user(roles=["admin"])
    client.sign_in(user)
    return user


def test_component_page_lists_authorizable_actions(client, admin, board) -> None:
    page = client.get(f"/admin/components/{board.id}/permissions").get_data(as_text=True)
    assert "sample.post" in page and "None" in page
    assert f"/admin/components/{board.id}/permissions/sample.post" in page


def test_form_is_generated_from_the_options_schema(client, admin, board, session) -> None:
    session.add(TaxonomyTerm(kind="territory", code="37", name={"fr": "Indre-et-Loire"}))
    session.commit()
    page = client.get(f"/admin/components/{board.id}/permissions/sample.post").get_data(
        as_text=True
    )
    assert 'name="birth_date.maximum_age"' in page and 'type="number"' in page
    assert 'name="residence.territories"' in page and "multiple" in page
    assert "Indre-et-Loire" in page
    assert 'name="use.census"' in page


def test_admin_attaches_a_birth_date_requirement(client, admin, board, session) -> None:
    url = f"/admin/components/{board.id}/permissions/sample.post"
    form = {"use.birth_date": "on", "birth_date.maximum_age": "17", "residence.territories": []}
    assert client.post_form(url, data=form).status_code == 302
    session.refresh(board)
    assert board.permissions == {
        "sample.post": {
            "authorizations": [
                {"handler": "birth_date", "options": {"minimum_age": None, "maximum_age": 17}}
            ]
        }
    }
    page = client.get(f"/admin/components/{board.id}/permissions").get_data(as_text=True)
    assert "Birth date (Maximum age: 17)" in page
    logged = session.scalar(
        select(ActionLog).where(ActionLog.action == "pnyx.component.permissions_changed")
    )
    assert logged.component_id == board.id and logged.extra["handlers"] == ["birth_date"]


def test_invalid_options_show_errors_and_keep_values(client, admin, board, session) -> None:
    url = f"/admin/components/{board.id}/permissions/sample.post"
    form = {"use.birth_date": "on", "birth_date.minimum_age": "18", "birth_date.maximum_age": "12"}
    response = client.post_form(url, data=form)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "must not be below the minimum age" in page
    assert 'value="12"' in page and 'aria-describedby="birth-date-maximum-age-hint' in page
    session.refresh(board)
    assert board.permissions == {}


def test_unknown_territories_are_refused(client, admin, board) -> None:
    url = f"/admin/components/{board.id}/permissions/sample.post"
    response = client.post_form(url, data={"use.residence": "on", "residence.territories": "999"})
    assert response.status_code == 400 and "Choose from the list." in response.get_data(
        as_text=True
    )


def test_unticking_removes_the_requirement(client, admin, board, session) -> None:
    board.permissions = {"sample.post": {"authorizations": [{"handler": "census"}]}}
    session.commit()
    client.post_form(f"/admin/components/{board.id}/permissions/sample.post", data={})
    session.refresh(board)
    assert board.permissions == {}


def test_unknown_action_or_component_is_404(client, admin, board) -> None:
    assert client.get(f"/admin/components/{board.id}/permissions/pnyx.view").status_code == 404
    assert client.get("/admin/components/999/permissions").status_code == 404


def test_residents_cannot_change_requirements(client, make_user, board) -> None:
    client.sign_in(make_user())
    assert client.get(f"/admin/components/{board.id}/permissions").status_code == 403


def grant(session, user, handler, granted_at):
    session.add(Authorization(user_id=user.id, handler=handler, granted_at=granted_at))
    session.commit()


def test_revoke_those_granted_before_a_date(client, admin, session, make_user) -> None:
    old, recent = make_user(), make_user()
    grant(session, old, "birth_date", NOW - dt.timedelta(days=400))
    grant(session, old, "census", NOW - dt.timedelta(days=400))
    grant(session, recent, "birth_date", NOW)
    form = {"handler": "birth_date", "granted_before": "2026-01-01", "confirm": "on"}
    assert client.post_form("/admin/verifications/revoke", data=form).status_code == 302
    remaining = session.execute(select(Authorization.user_id, Authorization.handler)).all()
    assert sorted(remaining) == sorted([(old.id, "census"), (recent.id, "birth_date")])
    logged = session.scalar(
        select(ActionLog).where(ActionLog.action == "pnyx.authorization.revoked_many")
    )
    assert logged.extra["count"] == 1 and logged.actor_id == admin.id


def test_revoke_all_needs_a_confirmation(client, admin, session, make_user) -> None:
    grant(session, make_user(), "census", NOW)
    response = client.post_form("/admin/verifications/revoke", data={"handler": ""})
    assert response.status_code == 400 and 'aria-invalid="true"' in response.get_data(as_text=True)
    client.post_form("/admin/verifications/revoke", data={"handler": "", "confirm": "on"})
    assert session.scalar(select(func.count(Authorization.id))) == 0


def test_validity_sets_the_expiry(client, admin, session, monkeypatch) -> None:
    monkeypatch.setattr("pnyx.verification.clock.now", lambda: NOW)
    response = client.post_form("/admin/verifications/settings", data={"validity.birth_date": "30"})
    assert response.status_code == 302
    client.post_form("/account/verifications/birth-date", data={"birth_date": "1990-01-01"})
    authorization = session.scalar(select(Authorization))
    assert authorization.expires_at == NOW + dt.timedelta(days=30)


def test_invalid_validity_is_refused(client, admin) -> None:
    response = client.post_form("/admin/verifications/settings", data={"validity.census": "-3"})
    assert response.status_code == 400 and 'value="-3"' in response.get_data(as_text=True)


def test_overview_and_menu_entry(client, admin) -> None:
    page = client.get("/admin/verifications").get_data(as_text=True)
    assert "Revoke verifications" in page
    assert 'href="/admin/verifications"' in client.get("/admin/").get_data(as_text=True)
