"""Changer Lyon: thematic citizens' assemblies, their workshops and debates, and the Appel.

The entry point ``changer_lyon`` (group ``pnyx.distributions``) names :data:`distribution`.
This module imports no plugin: the seed's modules do, when ``pnyx seed`` calls them, so
reading the list of installed distributions never loads a plugin that is not enabled.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session

from pnyx import api
from pnyx_dist_changer_lyon.organization import ACCOUNTS, HERO, ORGANIZATION

HERE = Path(__file__).parent


def seed(session: Session, today: dt.date) -> None:
    """Territories and themes, the Appel, the assemblies and their working groups (README.md)."""
    from pnyx_dist_changer_lyon.seed import seed as seed_content

    seed_content(session, today)


distribution = api.Distribution(
    name="changer_lyon",
    title="Changer Lyon: thematic citizens' assemblies and the Appel",
    plugins=("assemblies", "meetings", "comments", "proposals"),
    organization=ORGANIZATION,
    accounts=ACCOUNTS,
    seed=seed,
    theme=HERE / "theme",
    hero=HERO,
)
