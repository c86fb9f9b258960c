"""``api.statistics``: what a plugin gives the statistics pages (docs/statistics.md).

A plugin implements the ``statistics`` hook and answers with :class:`Figure` values;
``daily_counts`` and ``territory_counts`` build a figure's points in one query each.
``figure_value`` and ``participants_value`` let an ``api.StatDefinition`` (the space page's
"Participation" box) read those figures instead of counting them a second time.
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
from pnyx.statistics.per_component import figure_value, participants_value

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
    "figure_value",
    "ids_of",
    "participants_value",
    "territory_counts",
]
