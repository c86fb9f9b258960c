"""Smart Isula: co-construction in French and Corsican, by residents and organizations.

The entry point ``smart_isula`` (group ``pnyx.distributions``) names :data:`distribution`.
This module imports no plugin: the seed's modules do, when ``pnyx seed`` calls them, so
reading the list of installed distributions never loads a plugin that is not enabled.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session

from pnyx import api
from pnyx_dist_smart_isula.organization import ACCOUNTS, HERO, ORGANIZATION

HERE = Path(__file__).parent


def seed(session: Session, today: dt.date) -> None:
    """Territories, themes, organization profiles, the process and its content (README.md)."""
    from pnyx_dist_smart_isula.seed import seed as seed_content

    seed_content(session, today)


distribution = api.Distribution(
    name="smart_isula",
    title="Smart Isula: co-construction in French and Corsican (Corsica)",
    plugins=("proposals", "meetings", "comments"),
    organization=ORGANIZATION,
    accounts=ACCOUNTS,
    seed=seed,
    theme=HERE / "theme",
    hero=HERO,
)
