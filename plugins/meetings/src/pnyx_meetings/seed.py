"""Demo content for ``pnyx demo``: hybrid meetings with agendas, registrations and minutes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_meetings import minutes_form
from pnyx_meetings.models import AgendaItem, Kind, Meeting, Minutes, Registration, Status
from pnyx_meetings.registrations import new_code
from pnyx_meetings.zones import to_utc, zone

DEMO_PEOPLE = ("Léa Martin", "Karim Benali", "Sofia Rossi", "Jean Dupont")
AGENDA = (
    ({"fr": "Accueil et présentation", "en": "Welcome and introduction"}, 15, ()),
    (
        {"fr": "Ateliers par quartier", "en": "Workshops by neighbourhood"},
        60,
        (
            ({"fr": "Mobilités douces", "en": "Walking and cycling"}, 30),
            ({"fr": "Espaces verts", "en": "Green spaces"}, 30),
        ),
    ),
    ({"fr": "Restitution et suite", "en": "Feedback and next steps"}, 30, ()),
)


def seed(session: Session, component: api.Component) -> None:
    """Add demo meetings to ``component`` (the caller commits)."""
    tz = zone(session.scalar(select(api.Organization.time_zone).limit(1)) or "Europe/Paris")
    today = dt.datetime.now(tz).date()
    people = demo_people(session)
    territory = session.scalar(
        select(api.TaxonomyTerm).where(api.TaxonomyTerm.kind == "territory").limit(1)
    )
    themes = list(session.scalars(select(api.TaxonomyTerm).where(api.TaxonomyTerm.kind == "theme")))
    common: dict[str, Any] = {"component_id": component.id, "territory": territory}
    past = _meeting(tz, today - dt.timedelta(days=12), "18:30", 120, **common)
    past.title = {"fr": "Atelier budget participatif", "en": "Participatory budget workshop"}
    upcoming = _meeting(tz, today + dt.timedelta(days=9), "18:30", 120, **common)
    upcoming.title = {"fr": "Forum des projets", "en": "Project forum"}
    upcoming.capacity, upcoming.reserved_seats, upcoming.waiting_list_enabled = 40, 5, True
    upcoming.registration_terms = {
        "fr": "Vos nom et e-mail servent à vous accueillir ; ils sont effacés après la réunion.",
        "en": "Your name and e-mail are used to welcome you; they are erased after the meeting.",
    }
    online = _meeting(tz, today + dt.timedelta(days=16), "12:30", 60, **common)
    online.kind, online.address, online.location = Kind.ONLINE, "", {}
    online.title = {"fr": "Questions-réponses en ligne", "en": "Online questions and answers"}
    online.registrations_enabled = False
    for meeting in (past, upcoming, online):
        meeting.themes = themes[:2]
        session.add(meeting)
    session.flush()
    for meeting in (past, upcoming):
        add_agenda(session, meeting)
        add_registrations(session, meeting, people)
    close_past(session, past)


def _meeting(tz: Any, day: dt.date, start: str, minutes: int, **fields: Any) -> Meeting:
    hour, minute = (int(part) for part in start.split(":"))
    begins = to_utc(dt.datetime.combine(day, dt.time(hour, minute)), tz)
    return Meeting(
        kind=Kind.HYBRID,
        start_at=begins,
        end_at=begins + dt.timedelta(minutes=minutes),
        description={
            "fr": "Venez échanger sur place ou rejoignez-nous en ligne.",
            "en": "Come and talk in person, or join us online.",
        },
        location={"fr": "Salle des fêtes", "en": "Community hall"},
        address="1 place de la Mairie",
        location_hints={
            "fr": "Entrée par la cour, accès de plain-pied.",
            "en": "Enter through the courtyard, step-free access.",
        },
        online_url="https://visio.example.org/pnyx-demo",
        registrations_enabled=True,
        **fields,
    )


def demo_people(session: Session) -> list[api.User]:
    """Residents who register in the demo (created the first time, without a password)."""
    people = []
    for number, name in enumerate(DEMO_PEOPLE, start=1):
        email = f"meetings-{number}@demo.pnyx.test"
        person = session.scalar(select(api.User).where(api.User.email == email))
        if person is None:
            person = api.User(email=email, name=name, password_hash=None, confirmed_at=api.utcnow())
            session.add(person)
        people.append(person)
    session.flush()
    return people


def add_agenda(session: Session, meeting: Meeting) -> None:
    for position, (title, minutes, children) in enumerate(AGENDA):
        item = AgendaItem(
            meeting_id=meeting.id, position=position, title=title, duration_minutes=minutes
        )
        session.add(item)
        session.flush()
        for child_position, (child_title, child_minutes) in enumerate(children):
            session.add(
                AgendaItem(
                    meeting_id=meeting.id,
                    parent_id=item.id,
                    position=child_position,
                    title=child_title,
                    duration_minutes=child_minutes,
                )
            )


def add_registrations(session: Session, meeting: Meeting, people: list[api.User]) -> None:
    for person in people:
        code = new_code(session, meeting.id)
        session.add(
            Registration(
                meeting_id=meeting.id, user_id=person.id, code=code, status=Status.CONFIRMED
            )
        )
        session.flush()


def close_past(session: Session, meeting: Meeting) -> None:
    """Published minutes, linked to proposals when the proposals plugin has some."""
    session.add(
        Minutes(
            meeting_id=meeting.id,
            text={
                "fr": "Quarante habitants ont travaillé en ateliers. Trois propositions sont nées "
                "de la soirée : pistes cyclables, jardins partagés, bancs.",
                "en": "Forty residents worked in workshops. Three proposals came out of the "
                "evening: cycle lanes, shared gardens, benches.",
            },
            attendees_count=42,
            contributions_count=17,
            attending_organizations="Comité de quartier Nord, Association Vélo-Cité",
            video_url="https://video.example.org/pnyx-demo-workshop",
        )
    )
    for proposal_id in existing_proposals(session):
        api.links.link(
            session,
            minutes_form.PROPOSAL_LINK,
            ("meetings_meeting", meeting.id),
            (minutes_form.PROPOSAL_TYPE, proposal_id),
        )


def existing_proposals(session: Session, limit: int = 3) -> list[int]:
    """Ids of a few proposals, when the proposals plugin is enabled and seeded first.

    Read through a bare table (``proposals_proposals``), never the plugin's models.
    """
    if api.links.resource_type(minutes_form.PROPOSAL_TYPE) is None:
        return []
    if not sa.inspect(session.connection()).has_table("proposals_proposals"):
        return []
    table = sa.table("proposals_proposals", sa.column("id"))
    return list(session.scalars(select(table.c.id).order_by(table.c.id).limit(limit)))
