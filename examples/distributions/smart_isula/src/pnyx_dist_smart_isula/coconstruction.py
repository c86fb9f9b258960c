"""The co-construction process: its phases, the proposals (residents and organizations may
propose, organizations as themselves), the hybrid meetings with their minutes, and comments.
"""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from pnyx import api
from pnyx_comments.models import AGAINST, FOR, NEUTRAL, Comment
from pnyx_dist_smart_isula.build import at, component, person, process, text
from pnyx_dist_smart_isula.meeting_data import MEETINGS, ORGANIZED_BY
from pnyx_dist_smart_isula.organization import TIME_ZONE
from pnyx_dist_smart_isula.proposal_data import ANSWERS, CITIZENS, CORSICAN, PROPOSALS
from pnyx_dist_smart_isula.taxonomy import Terms
from pnyx_meetings import minutes_form
from pnyx_meetings.models import AgendaItem, Kind, Meeting, Minutes, Organizer, Registration
from pnyx_meetings.registrations import new_code
from pnyx_proposals.markdown import plain_text
from pnyx_proposals.models import RESOURCE, Proposal, Support

SLUG = "smart-isula"
PHASES = (
    (text("Diagnostic partagé", "Diagnosticu spartutu"), -120, -61),
    (text("Co-construction des propositions", "Cuncustruzzione di e pruposte"), -60, 20),
    (text("Analyse et arbitrages", "Analisi è arbitraghji"), 21, 60),
    (text("Feuille de route Smart Isula", "Fogliu di strada Smart Isula"), 61, None),
)
AGENDA = (
    (text("Accueil et tour de table", "Accolta è giru di tavulinu"), 15),
    (text("Ateliers en petits groupes", "Attelli in gruppi chjuchi"), 75),
    (text("Restitution et suites", "Restituzione è seguitu"), 30),
)


def seed_coconstruction(
    session: Session, today: dt.date, terms: Terms, groups: dict[str, api.groups.UserGroup]
) -> api.Space:
    day = dt.timedelta(days=1)
    phases = [
        (title, today + start * day, None if end is None else today + end * day)
        for title, start, end in PHASES
    ]
    space = process(
        session,
        SLUG,
        text(
            "Smart Isula : co-construire l’île intelligente",
            "Smart Isula : custruì inseme l’isula intelligente",
        ),
        text(
            "La Collectivité de Corse construit sa stratégie numérique **avec celles et ceux "
            "qui vivent l’île** : habitants, associations, entreprises, communes. Quatre "
            "thèmes, des réunions dans toute la Corse, sur place et en ligne.",
            "A Cullettività di Corsica custruisce a so strategia numerica **cù quelli chì "
            "campanu l’isula** : abitanti, associ, imprese, cumune. Quattru temi, riunione in "
            "tutta a Corsica, in piazza è in linea.",
        ),
        phases,
        1,
        territory_id=terms.island.id,
        highlighted=True,
    )
    space.themes = list(terms.themes.values())
    proposals = component(
        session,
        space,
        "proposals",
        text("Propositions", "Pruposte"),
        global_settings={"territory_required": True},
        # Written and supported during the co-construction phase only, then answered.
        default_step={"creation_enabled": False, "supports_enabled": False},
        per_phase={1: {"creation_enabled": True, "supports_enabled": True}},
        # Associations, businesses and public bodies propose and comment as themselves
        # (docs/groups.md: the permissions page's "Groups may take part").
        permissions={"proposals.create": {"groups": True}, "comments.create": {"groups": True}},
    )
    by_key = _proposals(session, proposals, terms, groups, today)
    meetings = component(
        session,
        space,
        "meetings",
        text("Réunions", "Riunione"),
        # Organizations may organize meetings on their own behalf.
        permissions={"meetings.create": {"groups": True}},
        # Registrations are open while the co-construction lasts.
        default_step={"registrations_enabled": False},
        per_phase={1: {"registrations_enabled": True}},
    )
    _meetings(session, meetings, terms, by_key, today, groups)
    _comments(session, proposals, by_key, groups)
    return space


def _proposals(
    session: Session,
    proposals: api.Component,
    terms: Terms,
    groups: dict[str, api.groups.UserGroup],
    today: dt.date,
) -> dict[str, Proposal]:
    citizens = [person(session, email, name) for email, name in CITIZENS]
    found = {}
    for number, (key, (kind, who), place, theme, title, body) in enumerate(PROPOSALS):
        if kind == "group":
            group = groups[who]
            author_id, group_id = group.memberships[0].user_id, group.id
        else:
            author_id, group_id = citizens[who].id, None
        created = at(today - dt.timedelta(days=55 - number * 4))
        proposal = Proposal(
            component_id=proposals.id,
            author_id=author_id,
            user_group_id=group_id,
            title=title,
            body=body,
            language="co" if key in CORSICAN else "fr",
            summary=plain_text(body)[:300],
            territory_id=terms.places[place].id if place in terms.places else terms.island.id,
            themes=[terms.themes[theme]],
            created_at=created,
            published_at=created + dt.timedelta(hours=2),
        )
        session.add(proposal)
        found[key] = proposal
    session.flush()
    for key, state, fr, co in ANSWERS:
        proposal = found[key]
        proposal.state = proposal.answer_state = state
        proposal.answer_text = text(fr, co)
        proposal.answered_at = proposal.answer_published_at = at(today - dt.timedelta(days=3))
    rng = random.Random(2024)
    for proposal in found.values():
        supporters = rng.sample(citizens, rng.randint(0, len(citizens)))
        for supporter in supporters:
            session.add(
                Support(proposal_id=proposal.id, component_id=proposals.id, user_id=supporter.id)
            )
        proposal.supports_count = len(supporters)
    return found


def _meetings(
    session: Session,
    meetings: api.Component,
    terms: Terms,
    proposals: dict[str, Proposal],
    today: dt.date,
    groups: dict[str, api.groups.UserGroup],
) -> None:
    tz = ZoneInfo(TIME_ZONE)
    attendees = [person(session, email, name) for email, name in PEOPLE_AT_MEETINGS]
    for number, spec in enumerate(MEETINGS):
        days, start, length, place, title, about, location, address, minutes = spec
        hour, minute = (int(part) for part in start.split(":"))
        local = dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour, minute))
        begins = local.replace(tzinfo=tz).astimezone(dt.UTC)
        meeting = Meeting(
            component_id=meetings.id,
            kind=Kind.HYBRID if location else Kind.ONLINE,
            title=title,
            description=about,
            start_at=begins,
            end_at=begins + dt.timedelta(minutes=length),
            location=location or {},
            address=address,
            online_url=f"https://visio.example.org/smart-isula-{place.lower()}",
            territory_id=terms.places[place].id if place in terms.places else terms.island.id,
            registrations_enabled=location is not None,
            capacity=80 if location else 0,
        )
        meeting.themes = list(terms.themes.values())[:2]
        organization = groups.get(ORGANIZED_BY.get(number, ""))
        if organization is not None:  # shown as the organizer; the person stays the author
            meeting.organizer, meeting.user_group_id = Organizer.GROUP, organization.id
            meeting.group_name = organization.name
            meeting.author_id = organization.memberships[0].user_id
        session.add(meeting)
        session.flush()
        if location is None:
            continue
        for position, (item, length_of_item) in enumerate(AGENDA):
            session.add(
                AgendaItem(
                    meeting_id=meeting.id,
                    position=position,
                    title=item,
                    duration_minutes=length_of_item,
                )
            )
        for attendee in attendees:
            session.add(
                Registration(
                    meeting_id=meeting.id, user_id=attendee.id, code=new_code(session, meeting.id)
                )
            )
            session.flush()
        if minutes is not None:
            _minutes(session, meeting, minutes, proposals)


PEOPLE_AT_MEETINGS = (
    ("anghjula@smartisula.pnyx.test", "Anghjula Peretti"),
    ("ghjiseppu@smartisula.pnyx.test", "Ghjiseppu Leca"),
    ("sophie@smartisula.pnyx.test", "Sophie Giudicelli"),
)


def _minutes(
    session: Session,
    meeting: Meeting,
    minutes: tuple,
    proposals: dict[str, Proposal],
) -> None:
    body, attendees, contributions, organizations, keys = minutes
    session.add(
        Minutes(
            meeting_id=meeting.id,
            text=body,
            attendees_count=attendees,
            contributions_count=contributions,
            attending_organizations=organizations,
            video_url=f"https://video.example.org/smart-isula/{meeting.id}",
        )
    )
    for key in keys:
        api.links.link(
            session,
            minutes_form.PROPOSAL_LINK,
            ("meetings_meeting", meeting.id),
            (minutes_form.PROPOSAL_TYPE, proposals[key].id),
        )


#: (proposal key, alignment, author e-mail, body, on behalf of, language): French and
#: Corsican, as people wrote them; Isula Numerica answers as itself.
COMMENTS = (
    (
        "correttore",
        FOR,
        "paulu@smartisula.pnyx.test",
        "Iè ! Ne avemu bisognu per e scole.",
        None,
        "co",
    ),
    (
        "correttore",
        NEUTRAL,
        "laetitia@smartisula.pnyx.test",
        "Bonne idée ; penser aussi à un clavier corse pour les téléphones.",
        None,
        "fr",
    ),
    (
        "tiers-lieux",
        FOR,
        "chjara@smartisula.pnyx.test",
        "À Corti, plusieurs jeunes attendent un tel lieu pour rester au village.",
        None,
        "fr",
    ),
    (
        "tiers-lieux",
        AGAINST,
        "jean-marc@smartisula.pnyx.test",
        "Sans transport vers les bourgs, ces lieux resteront vides.",
        None,
        "fr",
    ),
    (
        "tiers-lieux",
        NEUTRAL,
        "numerica@smartisula.pnyx.test",
        "Nous pouvons assurer l’accompagnement des porteurs de projets dans les trois bourgs "
        "et organiser un transport partagé les jours d’ouverture.",
        "numerica",
        "fr",
    ),
    (
        "fibre",
        FOR,
        "maria@smartisula.pnyx.test",
        "In u mo paese, a scola hè sempre senza internet veloce.",
        None,
        "co",
    ),
)


def _comments(
    session: Session,
    proposals: api.Component,
    by_key: dict[str, Proposal],
    groups: dict[str, api.groups.UserGroup],
) -> None:
    for number, (key, alignment, email, body, on_behalf, language) in enumerate(COMMENTS):
        author = person(session, email, email)
        comment = Comment(
            user_group_id=groups[on_behalf].id if on_behalf else None,
            resource_type=RESOURCE,
            resource_id=by_key[key].id,
            component_id=proposals.id,
            author_id=author.id,
            body=body,
            language=language,
            alignment=alignment,
            created_at=api.utcnow() - dt.timedelta(days=10 - number),
        )
        session.add(comment)
        session.flush()
        comment.root_id = comment.id
