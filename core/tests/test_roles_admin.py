"""Roles administration: organization roles from the users admin, space roles from a
space's members page, blocking; every change logged; nobody locks the organization out."""

from __future__ import annotations

import contextlib
import threading

import pytest
from flask_babel import force_locale
from sqlalchemy import event, select

from pnyx.db import get_database, get_session
from pnyx.models import ActionLog, User, UserOrganizationRole, UserSpaceRole
from pnyx.roles import RoleChangeError, block_user, revoke_organization_role


@pytest.fixture
def count_queries(app):
    """``with count_queries() as statements:`` records the SQL the app runs."""
    engine = get_database(app).engine

    @contextlib.contextmanager
    def counting():
        statements: list[str] = []

        def record(_conn, _cursor, statement, *_args) -> None:
            statements.append(statement)

        event.listen(engine, "before_cursor_execute", record)
        try:
            yield statements
        finally:
            event.remove(engine, "before_cursor_execute", record)

    return counting


def log_entries(session, action):
    return list(session.scalars(select(ActionLog).where(ActionLog.action == action)))


def test_admin_grants_and_revokes_an_organization_role(client, session, make_user) -> None:
    admin = make_user(roles=["admin"])
    person = make_user()
    client.sign_in(admin)
    response = client.post_form(f"/admin/users/{person.id}/roles", data={"role": "moderator"})
    assert response.status_code == 302
    assert person.has_role("moderator")
    response = client.post_form(
        f"/admin/users/{person.id}/roles/revoke", data={"role": "moderator"}
    )
    assert response.status_code == 302
    session.refresh(person)
    assert not person.has_role("moderator")
    granted, revoked = (
        log_entries(session, "pnyx.roles.grant"),
        log_entries(session, "pnyx.roles.revoke"),
    )
    assert [(e.actor_id, e.resource_id, e.extra["role"]) for e in granted + revoked] == [
        (admin.id, person.id, "moderator"),
        (admin.id, person.id, "moderator"),
    ]
    assert {e.visibility for e in granted + revoked} == {"admin"}


def test_an_unknown_role_is_an_error_next_to_the_field(client, make_user) -> None:
    admin = make_user(roles=["admin"])
    person = make_user()
    client.sign_in(admin)
    response = client.post_form(f"/admin/users/{person.id}/roles", data={"role": "emperor"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'aria-describedby="grant-role-error"' in page and "Choose a role." in page


def test_an_admin_cannot_remove_their_own_admin_role(client, session, make_user) -> None:
    admin = make_user(roles=["admin"])
    make_user(roles=["admin"])  # another admin exists: the refusal is about oneself
    client.sign_in(admin)
    response = client.post_form(f"/admin/users/{admin.id}/roles/revoke", data={"role": "admin"})
    assert response.status_code == 400
    assert "your own administrator role" in response.get_data(as_text=True)
    session.refresh(admin)
    assert admin.is_admin
    assert log_entries(session, "pnyx.roles.revoke") == []


def test_the_last_active_admin_cannot_lose_the_role(session, make_user) -> None:
    last = make_user(roles=["admin"])
    blocked_admin = make_user(roles=["admin"], blocked=True)
    # A blocked admin cannot act: `last` is the only active one.
    with force_locale("en"), pytest.raises(RoleChangeError, match="last administrator"):
        revoke_organization_role(session, last, "admin", actor=blocked_admin)
    with force_locale("en"), pytest.raises(RoleChangeError, match="last administrator"):
        block_user(session, last, actor=blocked_admin)
    session.rollback()
    assert revoke_organization_role(session, blocked_admin, "admin", actor=last)
    session.commit()
    other = make_user(roles=["admin"])
    assert revoke_organization_role(session, last, "admin", actor=other)
    session.commit()
    assert not last.is_admin and other.is_admin


def test_two_admins_removing_each_other_at_once_leave_one(app, make_user) -> None:
    first, second = make_user(roles=["admin"]), make_user(roles=["admin"])
    database = get_database(app)
    outcome: dict[str, object] = {}

    def second_removes_first() -> None:
        with app.app_context():
            db = get_session()  # the context's own session (writing, outside a request)
            try:
                revoke_organization_role(
                    db, db.get(User, first.id), "admin", actor=db.get(User, second.id)
                )
                db.commit()
                outcome["second"] = "removed"
            except RoleChangeError:
                outcome["second"] = "refused"

    with app.app_context():
        db = get_session()
        assert revoke_organization_role(
            db, db.get(User, second.id), "admin", actor=db.get(User, first.id)
        )
        db.flush()  # the first admin's transaction holds its locks...
        worker = threading.Thread(target=second_removes_first)
        worker.start()
        worker.join(timeout=0.3)  # ...while the second one waits for them (or has not begun)
        db.commit()
    worker.join()
    assert outcome == {"second": "refused"}
    with database.sessionmaker() as db:
        admins = db.scalars(
            select(UserOrganizationRole.user_id).where(UserOrganizationRole.role == "admin")
        ).all()
    assert admins == [first.id]


def test_blocking_ends_the_persons_session_and_is_logged(app, client, session, make_user) -> None:
    admin = make_user(roles=["admin"])
    person = make_user()
    their_browser = app.test_client()
    their_browser.sign_in(person)
    assert their_browser.get("/account/data").status_code == 200
    client.sign_in(admin)
    assert client.post_form(f"/admin/users/{person.id}/block").status_code == 302
    session.refresh(person)
    assert person.blocked
    response = their_browser.get("/account/data")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    assert client.post_form(f"/admin/users/{person.id}/unblock").status_code == 302
    session.refresh(person)
    assert not person.blocked
    # Unblocking lets them sign in again; the old session stays ended.
    assert their_browser.get("/account/data").status_code == 302
    actions = [e.action for e in session.scalars(select(ActionLog).order_by(ActionLog.id))]
    assert actions == ["pnyx.users.block", "pnyx.users.unblock"]


def test_an_admin_cannot_block_themselves(client, session, make_user) -> None:
    admin = make_user(roles=["admin"])
    client.sign_in(admin)
    response = client.post_form(f"/admin/users/{admin.id}/block")
    assert response.status_code == 400
    session.refresh(admin)
    assert not admin.blocked


def test_users_list_searches_by_email_or_name(client, make_user) -> None:
    admin = make_user(roles=["admin"], name="Alice Admin")
    make_user(name="Bernard Martin", email="bernard@example.org")
    make_user(name="Chloé Dupont", email="chloe@example.org")
    client.sign_in(admin)
    page = client.get("/admin/users?q=martin").get_data(as_text=True)
    assert "Bernard Martin" in page and "Chloé Dupont" not in page
    page = client.get("/admin/users?q=CHLOE@").get_data(as_text=True)
    assert "Chloé Dupont" in page and "Bernard Martin" not in page
    page = client.get("/admin/users?role=admin").get_data(as_text=True)
    assert "Alice Admin" in page and "Bernard Martin" not in page


def test_users_list_is_paginated_with_a_constant_query_count(
    app, client, make_user, count_queries
) -> None:
    app.config["PAGE_SIZE"] = 3
    admin = make_user(roles=["admin", "moderator"])
    client.sign_in(admin)
    client.get("/admin/users")  # warm up: what is read once per process is not counted
    with count_queries() as few:
        assert client.get("/admin/users").status_code == 200
    for _ in range(6):
        make_user(roles=["moderator"])
    with count_queries() as many:
        page = client.get("/admin/users").get_data(as_text=True)
    assert 'rel="next"' in page
    assert len(many) == len(few)
    # Keyset pages: the next page starts after the last person shown, by name then id.
    next_url = page.split('rel="next" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert "after=" in next_url
    second = client.get(next_url).get_data(as_text=True)
    assert 'rel="prev"' in second

    def people_links(html: str) -> set[str]:
        return {line for line in html.split("\n") if "/admin/users/" in line}

    assert people_links(page) and not people_links(page) & people_links(second)


def test_space_roles_are_granted_by_email_and_revoked(
    client, session, make_user, make_space
) -> None:
    admin = make_user(roles=["admin"])
    person = make_user(name="Valérie Valuatrice", email="Valerie@Example.org")
    space = make_space(slug="budget-2026")
    client.sign_in(admin)
    url = "/admin/spaces/budget-2026/roles"
    response = client.post_form(url, data={"email": "valerie@example.org", "role": "valuator"})
    assert response.status_code == 302
    held = session.scalar(select(UserSpaceRole).where(UserSpaceRole.user_id == person.id))
    assert (held.space_id, held.role) == (space.id, "valuator")
    assert "Valérie Valuatrice" in client.get(url).get_data(as_text=True)
    # Granting it again changes nothing.
    client.post_form(url, data={"email": "valerie@example.org", "role": "valuator"})
    assert len(session.scalars(select(UserSpaceRole)).all()) == 1
    response = client.post_form(f"{url}/{held.id}/revoke")
    assert response.status_code == 302
    assert session.scalars(select(UserSpaceRole)).all() == []
    entries = session.scalars(select(ActionLog).order_by(ActionLog.id)).all()
    assert [(e.action, e.space_id, e.extra["scope"]) for e in entries] == [
        ("pnyx.roles.grant", space.id, "space"),
        ("pnyx.roles.revoke", space.id, "space"),
    ]


def test_space_role_form_errors_keep_what_was_typed(client, make_user, make_space) -> None:
    admin = make_user(roles=["admin"])
    make_space(slug="quartiers")
    client.sign_in(admin)
    response = client.post_form(
        "/admin/spaces/quartiers/roles", data={"email": "nobody@example.org", "role": ""}
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'value="nobody@example.org"' in page
    assert 'aria-describedby="member-email-error"' in page
    assert 'aria-describedby="member-role-error"' in page


def test_a_space_role_of_another_space_is_not_found(client, session, make_user, make_space) -> None:
    admin = make_user(roles=["admin"])
    one, other = make_space(slug="one"), make_space(slug="other")
    person = make_user(space_roles={other: "moderator"})
    held = session.scalar(select(UserSpaceRole).where(UserSpaceRole.user_id == person.id))
    client.sign_in(admin)
    assert client.post_form(f"/admin/spaces/{one.slug}/roles/{held.id}/revoke").status_code == 404
    assert session.scalars(select(UserSpaceRole)).all() != []


def test_space_members_index_counts_people(client, make_user, make_space) -> None:
    admin = make_user(roles=["admin"])
    space = make_space(title={"fr": "Budget", "en": "Budget"})
    make_user(space_roles={space: ["admin", "moderator"]})
    make_user(space_roles={space: "valuator"})
    client.sign_in(admin)
    page = client.get("/admin/roles").get_data(as_text=True)
    assert "Budget" in page and "<td>2</td>" in page


def test_participants_cannot_manage_roles_and_space_admins_only_in_their_space(
    client, make_user, make_space
) -> None:
    space, other = make_space(slug="s"), make_space(slug="other")
    client.sign_in(make_user())
    assert client.get("/admin/users").status_code == 403
    assert client.get("/admin/spaces/s/roles").status_code == 403
    response = client.post_form("/admin/spaces/s/roles", data={"email": "x", "role": "admin"})
    assert response.status_code == 403
    # Issue 12: a space's admins manage that space's members, and no one else's.
    client.sign_in(make_user(space_roles={space: "admin"}))
    assert client.get("/admin/users").status_code == 403
    assert client.get("/admin/spaces/s/roles").status_code == 200
    assert client.get(f"/admin/spaces/{other.slug}/roles").status_code == 403
    response = client.post_form("/admin/spaces/other/roles", data={"email": "x", "role": "admin"})
    assert response.status_code == 403
