"""Angers' content, in the order a city would set it up (the core's ``seed_distribution``
has created the organization, the demo accounts and the home page, and commits after)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_dist_angers.budget import seed_budget
from pnyx_dist_angers.budget_data import AUTHORS
from pnyx_dist_angers.build import person
from pnyx_dist_angers.consultations import seed_consultations
from pnyx_dist_angers.conversations import seed_birth_dates, seed_conversations, seed_supporters
from pnyx_dist_angers.mutual_aid import NEIGHBOURS, seed_mutual_aid
from pnyx_dist_angers.newsletters import seed_newsletters
from pnyx_dist_angers.organization import RESIDENT
from pnyx_dist_angers.pages import seed_pages
from pnyx_dist_angers.taxonomy import seed_terms


def seed(session: Session, today: dt.date) -> None:
    terms = seed_terms(session)
    editions = seed_budget(session, today, terms)
    current = editions[-1]
    seed_pages(session, current)
    seed_consultations(session, today, terms.city)
    seed_mutual_aid(session, today, terms)
    people = [person(session, email, name) for name, email in AUTHORS]
    ideas = session.scalar(
        select(api.Component).where(
            api.Component.space_id == current.id, api.Component.type == "proposals"
        )
    )
    seed_conversations(session, ideas, people)
    supporters = seed_supporters(session, ideas)
    neighbours = [person(session, email, name) for email, name in NEIGHBOURS]
    seed_birth_dates(session, people + neighbours + supporters, today)
    seed_newsletters(session, today, current, RESIDENT)
