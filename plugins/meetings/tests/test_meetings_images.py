"""A meeting's image (issue 18 item 6): staff and organizers add it with its alt text (required),
checked by content; it shows on the meetings' cards (small thumbnail, lazy) in the list, the home
page's block and the space page, and as the meeting page's banner (medium thumbnail)."""

from __future__ import annotations

import io
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx.testing.files import PHP, png
from pnyx_meetings.models import Meeting

from .test_meetings_admin import NEW_MEETING
from .test_meetings_participants import MEETING


def post(client: PnyxClient, url: str, form: dict) -> object:
    return client.post_form(url, form, content_type="multipart/form-data")


def test_staff_add_an_image_with_its_alt_text_shown_on_cards_and_banner(
    client: PnyxClient,
    session: Session,
    admin_url: str,
    base_url: str,
    component: api.Component,
    make_user: Callable[..., api.User],
) -> None:
    client.sign_in(make_user(roles=["admin"]))
    assert 'enctype="multipart/form-data"' in client.get(f"{admin_url}new").text
    no_alt = post(client, f"{admin_url}new", {**NEW_MEETING, "image": (io.BytesIO(png()), "a.png")})
    assert no_alt.status_code == 400 and "alt text" in no_alt.text
    assert "Community forum" in no_alt.text  # what was typed is kept
    assert session.scalar(select(Meeting)) is None
    script = {**NEW_MEETING, "image": (io.BytesIO(PHP), "a.png"), "image_alt-en": "A hall"}
    refused = post(client, f"{admin_url}new", script)
    assert refused.status_code == 400 and "named like a PNG file" in refused.text
    assert session.scalar(select(Meeting)) is None  # nothing half-saved
    good = {
        **NEW_MEETING,
        "image": (io.BytesIO(png()), "hall.png"),
        "image_alt-fr": "La salle des fêtes",
        "image_alt-en": "The community hall",
    }
    assert post(client, f"{admin_url}new", good).status_code == 302
    meeting = session.scalar(select(Meeting))
    cover = api.attachments.cover("meetings_meeting", meeting.id)
    assert cover.alt == {"fr": "La salle des fêtes", "en": "The community hall"}
    card = f'src="/files/{cover.key}/small" alt="The community hall" loading="lazy"'
    assert card in client.get(base_url).text
    assert card in client.get("/").text  # the home page's upcoming meetings
    assert card in client.get(f"/spaces/{component.space.slug}").text
    banner = f'src="/files/{cover.key}/medium" alt="The community hall"'
    assert banner in client.get(f"{base_url}meetings/{meeting.id}").text

    # Editing: the alt text is corrected, then the image removed; deleting removes files.
    edit = client.get(f"{admin_url}{meeting.id}/edit").text
    assert 'value="The community hall"' in edit
    fixed = {**NEW_MEETING, "image_alt-fr": "La salle", "image_alt-en": "The hall"}
    assert post(client, f"{admin_url}{meeting.id}/edit", fixed).status_code == 302
    session.expire_all()
    assert api.attachments.cover("meetings_meeting", meeting.id).alt["en"] == "The hall"
    removed = {**NEW_MEETING, "remove_image": "1"}
    assert post(client, f"{admin_url}{meeting.id}/edit", removed).status_code == 302
    assert api.attachments.cover("meetings_meeting", meeting.id) is None
    assert "/small" not in client.get(base_url).text


def test_an_organizer_adds_an_image_and_deleting_the_meeting_removes_it(
    client: PnyxClient,
    session: Session,
    make_component: Callable[..., api.Component],
    make_user: Callable[..., api.User],
) -> None:
    component = make_component("meetings", settings={"default_step": {"creation_enabled": True}})
    url = f"/spaces/{component.space.slug}/meetings/{component.id}/"
    client.sign_in(make_user(name="Ada"))
    form = {**MEETING, "image": (io.BytesIO(png()), "picnic.png"), "image_alt-fr": "Un parc"}
    assert post(client, f"{url}new", form).status_code == 302
    meeting = session.scalar(select(Meeting))
    cover = api.attachments.cover("meetings_meeting", meeting.id)
    assert cover is not None and cover.uploaded_by_id is not None
    client.sign_in(make_user(roles=["admin"]))
    admin_url = f"/admin/spaces/{component.space.slug}/meetings/{component.id}/"
    deleted = client.post_form(f"{admin_url}{meeting.id}/delete", {"confirmed": "yes"})
    assert deleted.status_code == 302
    assert session.scalars(select(api.attachments.Attachment)).all() == []
