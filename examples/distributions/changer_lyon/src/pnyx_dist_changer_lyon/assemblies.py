"""The thematic assemblies and their working groups: each hosts workshops (meetings with
minutes), the proposals written there (meeting proposals: shown as coming from the workshop,
listed on its page) with comments, and a debate (the comments plugin's debates component)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from pnyx import api
from pnyx_assemblies.kinds import POSITIONS, PUBLIC, SPACE_TYPE, THEMATIC, WORKING_GROUP
from pnyx_assemblies.models import Assembly, Member
from pnyx_comments.debates.models import RESOURCE as DEBATE
from pnyx_comments.debates.models import Debate
from pnyx_comments.models import AGAINST, FOR, NEUTRAL, Comment
from pnyx_dist_changer_lyon.assembly_data import ASSEMBLIES
from pnyx_dist_changer_lyon.build import at, component, person, text
from pnyx_dist_changer_lyon.organization import TIME_ZONE
from pnyx_dist_changer_lyon.taxonomy import Terms
from pnyx_meetings.models import Kind, Meeting, Minutes
from pnyx_proposals.authorship import MEETING, MEETING_LINK
from pnyx_proposals.markdown import plain_text
from pnyx_proposals.models import RESOURCE as PROPOSAL
from pnyx_proposals.models import Proposal

ALIGNMENTS = {"for": FOR, "against": AGAINST, "neutral": NEUTRAL}
#: Workshop participants who write proposals and comments (no password).
PARTICIPANTS = (
    ("atelier-1@changerlyon.pnyx.test", "Amandine Roche"),
    ("atelier-2@changerlyon.pnyx.test", "Youssef Amrani"),
    ("atelier-3@changerlyon.pnyx.test", "Geneviève Pollet"),
    ("atelier-4@changerlyon.pnyx.test", "Lucas Ferrand"),
)
COMMON = {
    "composition": text(
        "Des habitants volontaires et tirés au sort, des associations du quartier.",
        "Volunteers and residents drawn by lot, neighbourhood associations.",
    ),
    "organisation": text(
        "Une plénière par trimestre, des ateliers ouverts à tous entre deux.",
        "A plenary each quarter, workshops open to everyone in between.",
    ),
    "how_to_join": text(
        "Venez à un atelier : toute personne qui vit ou travaille à Lyon peut y participer.",
        "Come to a workshop: anyone who lives or works in Lyon may take part.",
    ),
    "duration": text("2026–2027", "2026–2027"),
}


def seed_assemblies(session: Session, today: dt.date, terms: Terms) -> list[api.Space]:
    people = [person(session, email, name) for email, name in PARTICIPANTS]
    spaces = []
    for position, spec in enumerate(ASSEMBLIES):
        space = _assembly(session, spec, terms, THEMATIC, None, 10 + position)
        _host(session, today, terms, space, spec, people)
        spaces.append(space)
        group = spec["working_group"]
        if group is not None:
            sub = _assembly(
                session, {**group, "theme": spec["theme"]}, terms, WORKING_GROUP, space, 20
            )
            _host(session, today, terms, sub, group, people)
    return spaces


def _assembly(
    session: Session,
    spec: dict[str, Any],
    terms: Terms,
    kind: str,
    parent: api.Space | None,
    position: int,
) -> api.Space:
    space = api.Space(
        type=SPACE_TYPE,
        slug=spec["slug"],
        title=spec["title"],
        description=spec["purpose"],
        published=True,
        position=position,
        territory_id=terms.city.id,
    )
    session.add(space)
    session.flush()
    assembly = Assembly(
        space_id=space.id,
        kind=kind,
        visibility=PUBLIC,
        parent_space_id=parent.id if parent is not None else None,
        purpose=spec["purpose"],
        theme_id=terms.themes[spec["theme"]].id,
        territory_id=terms.city.id,
        closing_reason={},
        **COMMON,
    )
    session.add(assembly)
    session.flush()
    for name, role in spec["members"]:
        session.add(
            Member(
                assembly_id=assembly.id,
                name=name,
                position=role,
                position_rank=POSITIONS.index(role),
            )
        )
    return space


def _host(
    session: Session,
    today: dt.date,
    terms: Terms,
    space: api.Space,
    spec: dict[str, Any],
    people: list[api.User],
) -> None:
    meetings = component(session, space, "meetings", text("Ateliers", "Workshops"))
    ideas = component(
        session,
        space,
        "proposals",
        text("Propositions des ateliers", "Proposals from the workshops"),
        default_step={"creation_enabled": True, "supports_enabled": True},
    )
    workshop = _meeting(session, meetings, terms, today, spec["workshop"][:4])
    proposals = _proposals(session, ideas, terms, today, spec["workshop"], workshop)
    _minutes(session, workshop, spec["workshop"], proposals)
    _comments(session, ideas, PROPOSAL, proposals[0].id, people, COMMENTS)
    if spec.get("next"):
        upcoming = _meeting(session, meetings, terms, today, spec["next"])
        upcoming.registrations_enabled, upcoming.capacity = True, 60
    if spec.get("debate"):
        debates = component(session, space, "comments_debates", text("Débats", "Debates"))
        title, framing, lines = spec["debate"]
        debate = Debate(
            component_id=debates.id,
            author_id=people[0].id,
            official=True,
            title=title,
            framing=framing,
            opens_on=today - dt.timedelta(days=10),
            closes_on=today + dt.timedelta(days=30),
            theme_id=terms.themes[spec["theme"]].id,
        )
        session.add(debate)
        session.flush()
        lines = tuple((ALIGNMENTS[alignment], body) for alignment, body in lines)
        _comments(session, debates, DEBATE, debate.id, people, lines)


def _meeting(
    session: Session, meetings: api.Component, terms: Terms, today: dt.date, spec: tuple
) -> Meeting:
    days, title, place, address = spec
    local = dt.datetime.combine(today + dt.timedelta(days=days), dt.time(18, 30))
    begins = local.replace(tzinfo=ZoneInfo(TIME_ZONE)).astimezone(dt.UTC)
    meeting = Meeting(
        component_id=meetings.id,
        kind=Kind.HYBRID,
        title=title,
        description=text(
            "Atelier ouvert à tous, sur place ou en visioconférence. Apportez vos idées !",
            "A workshop open to all, in person or by video. Bring your ideas!",
        ),
        start_at=begins,
        end_at=begins + dt.timedelta(hours=2),
        location=place,
        address=address,
        online_url="https://visio.example.org/changer-lyon",
        territory_id=terms.city.id,
    )
    session.add(meeting)
    session.flush()
    return meeting


def _proposals(
    session: Session,
    ideas: api.Component,
    terms: Terms,
    today: dt.date,
    workshop: tuple,
    meeting: Meeting,
) -> list[Proposal]:
    """The workshop's proposals, published as meeting proposals: shown as coming from the
    workshop (not from a person), and listed on its page through the authorship link."""
    days, proposals = workshop[0], workshop[6]
    written = at(today + dt.timedelta(days=days + 1))
    found = []
    for number, (title, arrondissement, body) in enumerate(proposals):
        proposal = Proposal(
            component_id=ideas.id,
            authorship=MEETING,
            meeting_id=meeting.id,
            title=title,
            body=body,
            summary=plain_text(body)[:300],
            territory_id=terms.arrondissements[f"6938{arrondissement}"].id,
            created_at=written + dt.timedelta(hours=number),
            published_at=written + dt.timedelta(hours=number),
        )
        session.add(proposal)
        found.append(proposal)
    session.flush()
    for proposal in found:
        api.links.link(session, MEETING_LINK, proposal.resource, ("meetings_meeting", meeting.id))
    return found


def _minutes(
    session: Session, meeting: Meeting, workshop: tuple, proposals: list[Proposal]
) -> None:
    """The workshop's minutes; its page lists the proposals through their authorship link."""
    body, attendees = workshop[4], workshop[5]
    session.add(
        Minutes(
            meeting_id=meeting.id,
            text=body,
            attendees_count=attendees,
            contributions_count=len(proposals),
        )
    )


COMMENTS = (
    (FOR, "Très bonne idée, issue d’un vrai travail collectif."),
    (NEUTRAL, "Il faudrait préciser qui entretiendra l’équipement."),
)


def _comments(
    session: Session,
    where: api.Component,
    resource_type: str,
    resource_id: int,
    people: list[api.User],
    lines: tuple[tuple[int, str], ...],
) -> None:
    for number, (alignment, body) in enumerate(lines):
        comment = Comment(
            resource_type=resource_type,
            resource_id=resource_id,
            component_id=where.id,
            author_id=people[(number + 1) % len(people)].id,
            body=body,
            alignment=alignment,
            created_at=api.utcnow() - dt.timedelta(days=5 - number),
        )
        session.add(comment)
        session.flush()
        comment.root_id = comment.id
