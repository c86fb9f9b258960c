"""Touraine's process: proposals tied to communes, then two budgets voted at once.

The phases are set relative to the day of seeding, so the vote is always open: proposals
(two months ago), technical analysis (last month), the vote (today, for a month), results and
follow-up. The budgets plugin's own demo is Touraine's case (two budgets, the youth one for
people aged 17 or under, last year's edition followed up): the distribution reuses it and adds
what the city required, a residence in Indre-et-Loire to vote.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api

SPACE = "budget-participatif-touraine"
DEPARTMENT_CODE = "37"
DAY = dt.timedelta(days=1)


def seed_touraine(session: Session, today: dt.date) -> None:
    # Imported here: the plugins are enabled when the seed runs (Distribution.plugins).
    from pnyx_budgets import seed as budgets_seed
    from pnyx_proposals import seed as proposals_seed

    space = process(session, today)
    proposals = component(session, space, "proposals", {"fr": "Propositions", "en": "Proposals"})
    proposals_seed.seed(session, proposals)
    proposals.settings = proposal_settings(space, proposals.settings)
    budgets = component(session, space, "budgets", {"fr": "Vote", "en": "Vote"})
    budgets_seed.seed(session, budgets)
    department = term(session, DEPARTMENT_CODE)
    budgets.permissions = {
        "budgets.vote": {
            "authorizations": [
                {"handler": "residence", "options": {"territories": [department.id]}}
            ]
        }
    }
    residents(session, today)
    session.flush()


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


def term(session: Session, code: str) -> api.TaxonomyTerm:
    query = select(api.TaxonomyTerm).where(
        api.TaxonomyTerm.kind == "territory", api.TaxonomyTerm.code == code
    )
    found = session.scalar(query)
    assert found is not None, f"territory {code} is seeded by the plugins' seeds"
    return found


def born(today: dt.date, years: int) -> dt.date:
    """A birth date ``years`` and a few weeks before ``today`` (no 29 February)."""
    return today.replace(year=today.year - years, day=min(today.day, 28)) - 40 * DAY


def residents(session: Session, today: dt.date) -> None:
    """Léa (17) and Marc (40) have verified their age and their commune (Tours)."""
    tours = term(session, "37261")
    for email, age in (("lea@touraine.pnyx.test", 17), ("marc@touraine.pnyx.test", 40)):
        person = session.scalar(select(api.User).where(api.User.email == email))
        assert person is not None, f"{email} is a Distribution.accounts account"
        birth = born(today, age).isoformat()
        api.verification.grant(session, person, "birth_date", {"birth_date": birth})
        api.verification.grant(session, person, "residence", {"territory_id": tours.id})
