"""The assembly's own admin pages, run by its space admins: settings and members."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pnyx_assemblies.models import Assembly, Member


@pytest.fixture
def setup(client, make_organization, make_assembly, make_user):
    make_organization()
    top = make_assembly("environment")
    assembly = make_assembly("riverbanks", parent=top.space)
    admin = make_user(name="Space Admin", space_roles={assembly.space: "admin"})
    client.sign_in(admin)
    return {"top": top, "assembly": assembly, "admin": admin}


SETTINGS = {
    "kind": "working_group",
    "visibility": "private",
    "parent_space_id": "",
    "purpose.fr": "Aménager les berges",
    "purpose.en": "Design the riverbanks",
    "duration.fr": "2026–2028",
    "closing_date": "",
}


def test_space_admins_edit_the_settings_and_private_is_the_cores_flag(
    client, session, setup
) -> None:
    url = "/admin/spaces/riverbanks/assemblies/"
    assert client.get(url).status_code == 200
    answer = client.post_form(url, data=SETTINGS)
    assert answer.status_code == 303
    assembly = session.get(Assembly, setup["assembly"].id)
    session.refresh(assembly)
    session.refresh(assembly.space)
    assert assembly.kind == "working_group" and assembly.parent_space_id is None
    assert assembly.purpose == {"fr": "Aménager les berges", "en": "Design the riverbanks"}
    assert assembly.space.private is True
    # The link from the core's space admin page.
    assert url in client.get("/admin/spaces/riverbanks").text


def test_preview_draws_the_purpose_and_saves_nothing(client, session, setup) -> None:
    url = "/admin/spaces/riverbanks/assemblies/"
    data = {**SETTINGS, "purpose.fr": "Des **berges** vivantes", "preview": "1"}
    answer = client.post_form(url, data=data)
    assert answer.status_code == 200
    assert "<strong>berges</strong>" in answer.text
    assembly = session.get(Assembly, setup["assembly"].id)
    session.refresh(assembly)
    assert assembly.kind != "working_group" and assembly.purpose != {
        "fr": "Des **berges** vivantes"
    }


def test_an_assembly_cannot_be_put_inside_itself(client, session, setup) -> None:
    top = setup["top"]
    top_admin_url = "/admin/spaces/environment/assemblies/"
    assert client.get(top_admin_url).status_code == 403  # another space's admin pages
    data = {**SETTINGS, "visibility": "public", "parent_space_id": str(top.space_id)}
    assert client.post_form("/admin/spaces/riverbanks/assemblies/", data=data).status_code == 303
    # Make environment a child of riverbanks: a loop.
    from pnyx.models import UserSpaceRole

    session.add(UserSpaceRole(user_id=setup["admin"].id, space_id=top.space_id, role="admin"))
    session.commit()
    looping = {**data, "parent_space_id": str(setup["assembly"].space_id)}
    answer = client.post_form(top_admin_url, data=looping)
    assert answer.status_code == 400
    assert "cannot be inside itself" in answer.text


def test_members_are_registered_people_or_names(client, session, setup, make_user) -> None:
    ana = make_user(name="Ana", email="ana@example.org")
    base = "/admin/spaces/riverbanks/assemblies/members"
    assert client.get(base).status_code == 200
    assert client.get(f"{base}/new").status_code == 200
    created = client.post_form(
        f"{base}/new", data={"email": "ANA@example.org", "position": "president"}
    )
    assert created.status_code == 303
    again = client.post_form(f"{base}/new", data={"email": "ana@example.org", "position": "member"})
    assert again.status_code == 400 and "already a member" in again.text
    unknown = client.post_form(
        f"{base}/new", data={"email": "nobody@example.org", "position": "member"}
    )
    assert unknown.status_code == 400 and "No account" in unknown.text
    unnamed = client.post_form(f"{base}/new", data={"name": "Bo", "position": "other"})
    assert unnamed.status_code == 400 and "Name the position" in unnamed.text
    named = {"name": "Bo", "position": "other", "position_label.en": "Liaison"}
    assert client.post_form(f"{base}/new", data=named).status_code == 303
    rows = session.scalars(select(Member).order_by(Member.position_rank)).all()
    assert [(m.user_id, m.name, m.position) for m in rows] == [
        (ana.id, None, "president"),
        (None, "Bo", "other"),
    ]
    listing = client.get(base).text
    assert "Ana" in listing and "Liaison" in listing
    bo_id = rows[1].id
    assert client.get(f"{base}/{bo_id}/edit").status_code == 200
    assert client.post_form(f"{base}/{bo_id}/delete").status_code == 200  # asks first
    confirmed = client.post_form(f"{base}/{bo_id}/delete", data={"confirmed": "yes"})
    assert confirmed.status_code == 303
    session.expire_all()
    assert session.scalar(select(Member.id).where(Member.id == bo_id)) is None


def test_a_members_photo_needs_its_alt_text_and_shows_on_the_page(client, session, setup) -> None:
    import io

    from pnyx.testing.files import png

    base = "/admin/spaces/riverbanks/assemblies/members"
    data = {"name": "Bo", "position": "member", "photo": (io.BytesIO(png()), "bo.png")}
    refused = client.post_form(f"{base}/new", data=data, content_type="multipart/form-data")
    assert refused.status_code == 400 and "alt text" in refused.text
    assert session.scalar(select(Member.id)) is None
    data = {**data, "photo": (io.BytesIO(png()), "bo.png"), "photo_alt": "Bo smiling"}
    saved = client.post_form(f"{base}/new", data=data, content_type="multipart/form-data")
    assert saved.status_code == 303
    page = client.get("/spaces/riverbanks").text
    assert 'alt="Bo smiling"' in page
