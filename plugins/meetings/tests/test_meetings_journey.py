"""From announcement to published minutes, as new people would follow a meeting,
in French and in English; the proposals that came out of it linked on both sides."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient, install_plugins
from pnyx.testing.mail import Outbox
from pnyx_meetings.models import Meeting, Registration


@pytest.fixture
def pnyx_plugins(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """meetings, with a stand-in for the proposals plugin (``meetings_fake_proposals``)."""
    install_plugins(
        monkeypatch, {"proposals": "meetings_fake_proposals"}, path=Path(__file__).parent
    )
    return ["meetings", "proposals"]


def test_a_meeting_from_announcement_to_minutes(
    app: object,
    client: PnyxClient,
    session: Session,
    component: api.Component,
    base_url: str,
    admin_url: str,
    make_user: Callable[..., api.User],
    outbox: Outbox,
) -> None:
    staff = app.test_client()  # type: ignore[attr-defined]
    staff.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    staff.sign_in(make_user(name="Camille", roles=["admin"]))
    day = dt.date.today() + dt.timedelta(days=10)

    # Staff announce a hybrid meeting, in French first.
    announced = staff.post_form(
        f"{admin_url}new",
        {
            "title-fr": "Atelier vélo",
            "title-en": "Cycling workshop",
            "description-fr": "Où mettre les pistes ?",
            "description-en": "Where should lanes go?",
            "kind": "hybrid",
            "start_at": f"{day}T18:30",
            "end_at": f"{day}T20:30",
            "address": "1 place de la Mairie",
            "online_url": "https://visio.example.org/velo",
            "online_access": "registered",
            "organizer": "official",
            "published": "1",
            "registrations_enabled": "1",
            "capacity": "30",
        },
    )
    assert announced.status_code == 302
    meeting = session.scalar(select(Meeting))
    page = staff.get(f"{admin_url}{meeting.id}/agenda").text
    assert "Ordre du jour de « Atelier vélo »" in page
    staff.post_form(
        f"{admin_url}{meeting.id}/agenda",
        {
            "title-fr": "Tour de table",
            "title-en": "Round table",
            "duration_minutes": "30",
        },
    )

    # A new resident, reading in English, finds it from the home page.
    home = client.get("/").text
    assert "Upcoming meetings" in home and "Cycling workshop" in home
    url = f"{base_url}meetings/{meeting.id}"
    page = client.get(url).text
    assert "In person and online" in page and "Round table" in page
    assert "visio.example.org" not in page  # for registered people only
    # an official meeting names the organization (the test instance's English name)
    assert "Organized by</dt><dd>Test City</dd>" in page
    ada = make_user(name="Ada", email="ada@example.org", locale="en")
    client.sign_in(ada)
    client.post_form(f"{url}/register")
    page = client.get(url).text
    assert "You are registered." in page and "https://visio.example.org/velo" in page
    assert outbox.to("ada@example.org")[-1]["Subject"] == "You are registered: Cycling workshop"

    # A French-speaking resident registers too, and is written to in French.
    lea = make_user(name="Léa", email="lea@example.org", locale="fr")
    french = app.test_client()  # type: ignore[attr-defined]
    french.sign_in(lea)
    french.post_form(f"{url}/register")
    assert "Vous êtes inscrit." in french.get(url).text
    mail = outbox.to("lea@example.org")[-1]
    assert mail["Subject"] == "Vous êtes inscrit\u202f: Atelier vélo"
    assert "Votre code d’inscription" in mail.get_body(("plain",)).get_content()

    # At the door, staff check Ada in with her code.
    code = session.scalar(select(Registration.code).where(Registration.user_id == ada.id))
    staff.post_form(f"{admin_url}{meeting.id}/registrations/validate", {"code": code})
    assert (
        "Code valide\u202f: bienvenue, Ada."
        in staff.get(f"{admin_url}{meeting.id}/registrations").text
    )

    # The meeting took place; staff publish the minutes and the proposals that came out of it.
    meeting.start_at -= dt.timedelta(days=11)
    meeting.end_at -= dt.timedelta(days=11)
    session.commit()
    form = staff.get(f"{admin_url}{meeting.id}/close").text
    assert 'name="attendees_count" type="number" value="1"' in form  # those checked in
    unknown = staff.post_form(
        f"{admin_url}{meeting.id}/close",
        {
            "text-fr": "Trois tracés retenus.",
            "proposals": "7, 99",
            "published": "1",
        },
    )
    assert unknown.status_code == 400 and "99" in unknown.text
    typo = staff.post_form(
        f"{admin_url}{meeting.id}/close",
        {"text-fr": "Trois tracés retenus.", "proposals": "7, abc", "published": "1"},
    )
    assert typo.status_code == 400 and "abc" in typo.text  # not silently dropped
    assert "7, abc" in typo.text  # what was typed stays in the field
    closed = staff.post_form(
        f"{admin_url}{meeting.id}/close",
        {
            "text-fr": "Trois tracés retenus.",
            "text-en": "Three routes chosen.",
            "attendees_count": "24",
            "contributions_count": "9",
            "attending_organizations": "Vélo-Cité",
            "proposals": "7, 8",
            "published": "1",
        },
    )
    assert closed.status_code == 302

    # Everyone reads the minutes, in their language, with the proposals.
    page = client.get(url).text
    assert "Three routes chosen." in page and "Cycle lanes on the riverside" in page
    assert 'href="/fake-proposals/8"' in page
    assert "Trois tracés retenus." in french.get(url).text
    space = client.get(f"/spaces/{component.space.slug}").text
    assert "Latest minutes" in space and "Three routes chosen." in space

    # The proposals' side sees the meeting through the same links.
    links = api.links.links_of(session, ("proposals_proposal", 7))
    assert [(link.type, link.id) for link in links] == [("meetings_meeting", meeting.id)]
    with app.test_request_context():  # type: ignore[attr-defined]
        described = api.links.describe(session, "meetings_meeting", [meeting.id])
    assert described[meeting.id].title == "Atelier vélo"  # the organization speaks French first
    assert described[meeting.id].url == url


def test_a_component_of_another_type_is_not_served_as_meetings(
    client: PnyxClient,
    make_component: Callable[..., api.Component],
    make_user: Callable[..., api.User],
) -> None:
    """Component pages share the core's URL prefix: another type's URL may reach our views."""
    other = make_component("proposals")
    client.sign_in(make_user(roles=["admin"]))
    assert client.get(f"/spaces/{other.space.slug}/meetings/{other.id}/").status_code == 404
    assert client.get(f"/admin/spaces/{other.space.slug}/meetings/{other.id}/").status_code == 404
