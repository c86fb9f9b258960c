"""``api.statistics``: what a plugin gives the statistics pages (docs/statistics.md).

A plugin implements the ``statistics`` hook and answers with :class:`Figure` values;
``daily_counts`` and ``territory_counts`` build a figure's points in one query each.
"""

from pnyx.statistics.figures import (
    ANSWERS,
    COMMENTS,
    CONTRIBUTIONS,
    KINDS,
    OTHER,
    REGISTRATIONS,
    SUPPORTS,
    VOTES,
    Figure,
    as_date,
    daily_counts,
    ids_of,
    territory_counts,
)

__all__ = [
    "ANSWERS",
    "COMMENTS",
    "CONTRIBUTIONS",
    "KINDS",
    "OTHER",
    "REGISTRATIONS",
    "SUPPORTS",
    "VOTES",
    "Figure",
    "as_date",
    "daily_counts",
    "ids_of",
    "territory_counts",
]
