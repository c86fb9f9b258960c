"""The participatory budget's three editions, oldest first."""

from __future__ import annotations

from pnyx_dist_angers.budget_edition_current import CURRENT
from pnyx_dist_angers.budget_edition_last_year import LAST_YEAR
from pnyx_dist_angers.budget_edition_two_years_ago import TWO_YEARS_AGO

EDITIONS = (TWO_YEARS_AGO, LAST_YEAR, CURRENT)
