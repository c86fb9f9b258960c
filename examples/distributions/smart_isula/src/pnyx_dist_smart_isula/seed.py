"""Smart Isula's content (the core's ``seed_distribution`` has created the organization, the
demo accounts and the home page, and commits after)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from pnyx_dist_smart_isula.coconstruction import seed_coconstruction
from pnyx_dist_smart_isula.organizations import seed_organizations
from pnyx_dist_smart_isula.taxonomy import seed_terms


def seed(session: Session, today: dt.date) -> None:
    terms = seed_terms(session)
    groups = seed_organizations(session)
    seed_coconstruction(session, today, terms, groups)
