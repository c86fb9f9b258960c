"""Touraine's process: proposals tied to communes in two age sections, then two budgets.

The phases are set relative to the day of seeding, so the vote is always open: proposals
(two months ago), technical analysis (last month), the vote (today, for a month), results and
follow-up. Proposals come in two **age sections**: residents aged 17 or under write in theirs,
everyone in the other; the proposals retained became the projects of the youth budget
(300 000 €) and of the budget for everyone (1 100 000 €), voted at once. Everything needs a
residence in Indre-et-Loire; the youth section and budget a birth date showing 17 or under.
The budgets plugin's demo is Touraine's vote (its projects, anonymous ballots, last year's
edition followed up): the distribution reuses it.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_dist_touraine import proposals_data
from pnyx_dist_touraine.conversations import seed_conversations

SPACE = "budget-participatif-touraine"
DEPARTMENT = ("37", "Indre-et-Loire")
DAY = dt.timedelta(days=1)
#: Verifications, as the admin page stores them (docs/verification.md).
YOUTH_AGE = {"handler": "birth_date", "options": {"minimum_age": None, "maximum_age": 17}}


def seed_touraine(session: Session, today: dt.date) -> None:
    # Imported here: the plugins are enabled when the seed runs (Distribution.plugins).
    from pnyx_budgets import seed as budgets_seed

    communes, themes = taxonomy(session)
    department = communes[DEPARTMENT[0]]
    resident = {"handler": "residence", "options": {"territories": [department.id]}}
    space = process(session, today)
    people = residents(session)
    sections = {}
    for key, name, rows, rules in (
        (
            "youth",
            {"fr": "Propositions des moins de 18 ans", "en": "Under-18s' proposals"},
            proposals_data.YOUTH,
            [resident, YOUTH_AGE],
        ),
        (
            "everyone",
            {"fr": "Propositions de tous", "en": "Everyone's proposals"},
            proposals_data.EVERYONE,
            [resident],
        ),
    ):
        section = component(session, space, "proposals", name)
        section.settings = proposal_settings(space, section.settings)
        section.permissions = {
            action: {"authorizations": rules}
            for action in ("proposals.create", "proposals.support")
        }
        sections[key] = proposals(session, section, rows, people[key], communes, themes)
    budgets = component(session, space, "budgets", {"fr": "Vote", "en": "Vote"})
    budgets_seed.seed(session, budgets)
    budgets.permissions = {"budgets.vote": {"authorizations": [resident]}}
    retained = {**sections["youth"], **sections["everyone"]}
    link_projects(session, retained)
    seed_conversations(session, retained, "agent@touraine.pnyx.test")
    verified(session, today)
    session.flush()


def taxonomy(session: Session) -> tuple[dict[str, api.TaxonomyTerm], dict[str, api.TaxonomyTerm]]:
    """The département and its communes (the département allows each of them), the themes."""
    code, name = DEPARTMENT
    department = api.TaxonomyTerm(kind="territory", code=code, name={"fr": name})
    session.add(department)
    session.flush()
    communes = {code: department}
    for code, name in proposals_data.COMMUNES:
        communes[code] = api.TaxonomyTerm(
            kind="territory", code=code, name={"fr": name}, parent_id=department.id
        )
    themes = {
        code: api.TaxonomyTerm(kind="theme", code=code, name={"fr": fr, "en": en}, position=i)
        for i, (code, fr, en) in enumerate(proposals_data.THEMES)
    }
    session.add_all([*communes.values(), *themes.values()])
    session.flush()
    return communes, themes


def process(session: Session, today: dt.date) -> api.Space:
    phases = (
        ("Dépôt des propositions", "Proposals", today - 60 * DAY, today - 31 * DAY),
        ("Analyse technique", "Technical analysis", today - 30 * DAY, today - DAY),
        ("Vote", "Vote", today, today + 30 * DAY),
        ("Résultats et suivi", "Results and follow-up", today + 31 * DAY, None),
    )
    space = api.Space(
        type="process",
        slug=SPACE,
        title={
            "fr": f"Budget participatif de Touraine {today.year}",
            "en": f"Touraine participatory budget {today.year}",
        },
        description={
            "fr": "Les habitants d’Indre-et-Loire proposent des projets pour leur commune, "
            "puis votent : les moins de 18 ans décident de 300 000 €, tous les habitants de "
            "1 100 000 €.",
            "en": "Residents of Indre-et-Loire propose projects for their commune, then vote: "
            "under-18s decide on €300,000, every resident on €1,100,000.",
        },
        published=True,
    )
    for position, (fr, en, start, end) in enumerate(phases):
        step = api.Step(
            position=position, title={"fr": fr, "en": en}, start_date=start, end_date=end
        )
        step.active = start == today
        step.activated_at = api.utcnow() if step.active else None
        space.steps.append(step)
    session.add(space)
    session.flush()
    return space


def component(session: Session, space: api.Space, kind: str, name: dict) -> api.Component:
    found = api.Component(
        space=space,
        type=kind,
        name=name,
        weight=len(space.components),
        published=True,
        settings=api.validate_settings(api.component_type(kind), {}),
    )
    session.add(found)
    session.flush()
    return found


def proposal_settings(space: api.Space, settings: dict) -> dict:
    """Proposals are written and supported in the first phase only, then answered."""
    steps = sorted(space.steps, key=lambda step: step.position)
    closed = {"creation_enabled": False, "supports_enabled": False}
    per_step = {str(step.id): closed for step in steps[1:]}
    return {**settings, "steps": {**settings.get("steps", {}), **per_step}}


def residents(session: Session) -> dict[str, list[api.User]]:
    """Residents who proposed and supported (no password: nobody signs in as them)."""
    names = (
        "Inès",
        "Hugo",
        "Jade",
        "Nathan",
        "Louise",
        "Enzo",
        "Camille",
        "Théo",
        "Sarah",
        "Yanis",
        "Martine",
        "Patrick",
        "Sylvie",
        "Jean-Luc",
        "Nadia",
        "Bernard",
        "Élodie",
        "Mickaël",
    )
    people: dict[str, list[api.User]] = {"youth": [], "everyone": []}
    for number, name in enumerate(names):
        group = "youth" if number < 10 else "everyone"
        person = api.User(
            email=f"habitant-{number + 1}@touraine.pnyx.test",
            name=f"{name} {'ABCDEFGHJKLMNPRSTV'[number]}.",
            confirmed_at=api.utcnow(),
        )
        session.add(person)
        people[group].append(person)
    session.flush()
    # Adults support the general section too; the young may support both.
    people["everyone"] = people["everyone"] + people["youth"][:4]
    return people


def proposals(
    session: Session,
    section: api.Component,
    rows: tuple,
    people: list[api.User],
    communes: dict[str, api.TaxonomyTerm],
    themes: dict[str, api.TaxonomyTerm],
) -> dict[str, int]:
    """The section's proposals, supported and answered; returns project code -> proposal id."""
    from pnyx_proposals.markdown import plain_text
    from pnyx_proposals.models import Proposal, Support

    rng = random.Random(section.id)  # the same content every time
    now = api.utcnow()
    retained = {}
    for number, (code, title, why, commune, theme_codes) in enumerate(rows):
        body = f"{why}\n\n*Commune : {api.translated(communes[commune].name)}.*"
        written = now - dt.timedelta(days=58 - 3 * number)
        proposal = Proposal(
            component_id=section.id,
            author_id=people[number % len(people)].id,
            title=title,
            body=body,
            summary=plain_text(body)[:280],
            territory_id=communes[commune].id,
            themes=[themes[t] for t in theme_codes.split(",")],
            created_at=written,
            published_at=written,
        )
        session.add(proposal)
        session.flush()
        supporters = rng.sample(people, rng.randint(2, len(people)))
        session.add_all(
            Support(proposal_id=proposal.id, component_id=section.id, user_id=person.id)
            for person in supporters
        )
        proposal.supports_count = len(supporters)
        answer(proposal, code)
        if code is not None:
            retained[code] = proposal.id
    session.flush()
    return retained


def answer(proposal: Any, code: str | None) -> None:
    """Staff's published answer after the technical analysis."""
    answered = api.utcnow() - 20 * DAY
    if code is None:
        proposal.state = proposal.answer_state = "rejected"
        text = proposals_data.NOT_RETAINED[proposal.title]
        proposal.answer_text = {"fr": text}
    else:
        proposal.state = proposal.answer_state = "accepted"
        proposal.answer_text = {
            "fr": f"Retenue après l’analyse technique : c’est le projet {code} soumis au vote.",
            "en": f"Retained after the technical analysis: it is project {code} in the vote.",
        }
    proposal.answered_at = proposal.answer_published_at = answered


def link_projects(session: Session, retained: dict[str, int]) -> None:
    """Each project of the vote is linked to the proposal it came from (both pages show it)."""
    from pnyx_budgets.counting import FROM_PROPOSAL, PROPOSAL_TYPE
    from pnyx_budgets.models import PROJECT_RESOURCE, Project

    for project in session.scalars(select(Project).where(Project.code.like("touraine-%"))):
        proposal_id = retained.get(project.code.removeprefix("touraine-"))
        if proposal_id is not None:
            api.links.link(
                session, FROM_PROPOSAL, (PROJECT_RESOURCE, project.id), (PROPOSAL_TYPE, proposal_id)
            )


def born(today: dt.date, years: int) -> dt.date:
    """A birth date ``years`` and a few weeks before ``today`` (no 29 February)."""
    return today.replace(year=today.year - years, day=min(today.day, 28)) - 40 * DAY


def verified(session: Session, today: dt.date) -> None:
    """Léa (17) and Marc (40) have verified their age and their commune (Tours)."""
    tours = session.scalar(
        select(api.TaxonomyTerm).where(
            api.TaxonomyTerm.kind == "territory", api.TaxonomyTerm.code == "37261"
        )
    )
    for email, age in (("lea@touraine.pnyx.test", 17), ("marc@touraine.pnyx.test", 40)):
        person = session.scalar(select(api.User).where(api.User.email == email))
        assert person is not None, f"{email} is a Distribution.accounts account"
        birth = born(today, age).isoformat()
        api.verification.grant(session, person, "birth_date", {"birth_date": birth})
        api.verification.grant(session, person, "residence", {"territory_id": tours.id})
