"""User groups (issue 17 item 5): profiles, members by request or invitation, staff
verification, the "groups may take part" option, acting on behalf, personal data."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from pnyx import api
from pnyx.models import GroupRole, UserGroup, UserGroupMembership

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture
def people(make_organization, make_user):
    make_organization()
    return {
        "founder": make_user(name="Founder", email="founder@example.org"),
        "joiner": make_user(name="Joiner", email="joiner@example.org"),
        "staff": make_user(name="Staff", roles=["admin"]),
    }


def create_group(client, name="Les Amis du Rhône") -> int:
    data = {
        "name": name,
        "kind": "association",
        "description.fr": "Une **association** de riverains",
        "website": "https://amis.example.org",
        "logo_alt": "Un fleuve bleu",
        "logo": (io.BytesIO(PNG), "logo.png"),
    }
    answer = client.post_form("/groups/new", data=data, content_type="multipart/form-data")
    assert answer.status_code == 303, answer.text
    return int(answer.headers["Location"].rstrip("/").rsplit("/", 1)[1])


def test_a_person_creates_a_group_and_becomes_its_admin(client, session, people) -> None:
    client.sign_in(people["founder"])
    group_id = create_group(client)
    group = session.get(UserGroup, group_id)
    assert group.logo and group.logo_alt == "Un fleuve bleu" and not group.verified
    assert [(m.user_id, m.role) for m in group.memberships] == [
        (people["founder"].id, GroupRole.ADMIN)
    ]
    page = client.get(f"/groups/{group_id}").text
    assert "<strong>association</strong>" in page and 'alt="Un fleuve bleu"' in page
    assert client.get(f"/groups/{group_id}/logo/{group.logo}").status_code == 200
    assert client.get(f"/groups/{group_id}/logo/other.png").status_code == 404


def test_preview_shows_the_description_and_saves_nothing(client, session, people) -> None:
    client.sign_in(people["founder"])
    data = {"name": "Aperçu", "kind": "association", "description.fr": "Une **idée**"}
    answer = client.post_form("/groups/new", data={**data, "preview": "1"})
    assert answer.status_code == 200
    assert "<strong>idée</strong>" in answer.text
    assert session.scalars(select(UserGroup)).all() == []


def test_a_logo_needs_its_text_alternative(client, people) -> None:
    client.sign_in(people["founder"])
    data = {"name": "Sans texte", "kind": "business", "logo": (io.BytesIO(PNG), "l.png")}
    answer = client.post_form("/groups/new", data=data, content_type="multipart/form-data")
    assert answer.status_code == 400


def test_joining_by_request_and_by_invitation(client, session, people, make_user) -> None:
    client.sign_in(people["founder"])
    group_id = create_group(client)
    client.sign_in(people["joiner"])
    assert client.post_form(f"/groups/{group_id}/join").status_code == 303
    assert client.get(f"/groups/{group_id}/members").status_code == 403  # not a group admin
    request_row = session.scalar(
        select(UserGroupMembership).where(UserGroupMembership.user_id == people["joiner"].id)
    )
    assert request_row.role == GroupRole.REQUESTED
    with client.application.test_request_context():
        assert not api.groups.may_act_for(people["joiner"], group_id)
    client.sign_in(people["founder"])
    client.post_form(f"/groups/{group_id}/members/{request_row.id}/accept")
    invited = make_user(name="Invited", email="invited@example.org")
    client.post_form(f"/groups/{group_id}/members/invite", data={"email": "INVITED@example.org"})
    session.expire_all()
    roles = {m.user_id: m.role for m in session.get(UserGroup, group_id).memberships}
    assert roles[people["joiner"].id] == GroupRole.MEMBER
    assert roles[invited.id] == GroupRole.INVITED
    client.sign_in(invited)
    assert "invitation" in client.get("/groups/mine").text
    client.post_form(f"/groups/{group_id}/join")
    session.expire_all()
    with client.application.test_request_context():
        assert api.groups.may_act_for(session.get(type(invited), invited.id), group_id)


def test_the_last_admin_stays(client, session, people) -> None:
    client.sign_in(people["founder"])
    group_id = create_group(client)
    membership = session.get(UserGroup, group_id).memberships[0]
    answer = client.post_form(
        f"/groups/{group_id}/members/{membership.id}/role", data={"role": "member"}
    )
    assert answer.status_code == 303
    session.expire_all()
    assert session.get(UserGroupMembership, membership.id).role == GroupRole.ADMIN


def test_staff_verify_with_a_note(client, session, people) -> None:
    client.sign_in(people["founder"])
    group_id = create_group(client)
    assert (
        client.post_form(f"/admin/groups/{group_id}/verify", data={"note": "x"}).status_code == 403
    )
    client.sign_in(people["staff"])
    assert client.get("/admin/groups").status_code == 200
    client.post_form(f"/admin/groups/{group_id}/verify", data={"note": ""})
    session.expire_all()
    assert not session.get(UserGroup, group_id).verified
    client.post_form(f"/admin/groups/{group_id}/verify", data={"note": "Statuts vus en mairie"})
    session.expire_all()
    group = session.get(UserGroup, group_id)
    assert group.verified and group.verification_note == "Statuts vus en mairie"


def test_memberships_go_to_the_archive_and_leave_with_the_account(
    app, client, session, people
) -> None:
    from pnyx.personal_data.core_data import core_files
    from pnyx.personal_data.deletion import delete_account

    client.sign_in(people["founder"])
    create_group(client)
    with app.test_request_context():
        files = core_files(session, people["founder"])
        rows = list(files["user_group_memberships.json"])
        assert [row["role"] for row in rows] == ["admin"]
        delete_account(session, people["founder"])
        session.commit()
    assert session.scalars(select(UserGroupMembership)).all() == []
