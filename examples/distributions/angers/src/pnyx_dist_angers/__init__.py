"""Angers: a participatory budget followed from ideas to works, parallel consultations, mutual aid.

The entry point ``angers`` (group ``pnyx.distributions``) names :data:`distribution`.
This module imports no plugin: the seed's modules do, when ``pnyx seed`` calls them, so
reading the list of installed distributions never loads a plugin that is not enabled.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session

from pnyx import api
from pnyx_dist_angers.organization import ACCOUNTS, HERO, ORGANIZATION

HERE = Path(__file__).parent


def seed(session: Session, today: dt.date) -> None:
    """Taxonomy, the budget's three editions, consultations, mutual aid, newsletters (README.md)."""
    from pnyx_dist_angers.seed import seed as seed_content

    seed_content(session, today)


distribution = api.Distribution(
    name="angers",
    title="Angers: participatory budget (three editions), consultations, mutual aid",
    plugins=("budgets", "proposals", "surveys", "mutual_aid", "comments", "pages"),
    organization=ORGANIZATION,
    accounts=ACCOUNTS,
    seed=seed,
    theme=HERE / "theme",
    hero=HERO,
)
