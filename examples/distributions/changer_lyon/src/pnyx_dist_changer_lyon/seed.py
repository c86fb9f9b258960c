"""Changer Lyon's content (the core's ``seed_distribution`` has created the organization, the
demo accounts and the home page, and commits after)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from pnyx_dist_changer_lyon.appel import seed_appel
from pnyx_dist_changer_lyon.assemblies import seed_assemblies
from pnyx_dist_changer_lyon.taxonomy import seed_terms


def seed(session: Session, today: dt.date) -> None:
    terms = seed_terms(session)
    seed_appel(session, today, terms)
    seed_assemblies(session, today, terms)
