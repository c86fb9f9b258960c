"""The participatory budget's shape: what an edition holds, its phases, its amount, the ideas'
authors (amounts in euros, stored in cents). The three editions themselves are in
``budget_edition_current``, ``budget_edition_last_year`` and ``budget_edition_two_years_ago``;
``budget_editions.EDITIONS`` lists them, oldest first.

Dates are days relative to the day the distribution is seeded, so the current edition is
always voting and the earlier ones always show results and works in progress.
"""

from __future__ import annotations

import attrs

#: A project: code, French title, English title, cost in euros, district code, theme code,
#: French description, English description.
Project = tuple[str, str, str, int, str, str, str, str]
#: An idea the technical analysis set aside: French title, district, theme, French and
#: English reasons.
Rejected = tuple[str, str, str, str, str]
#: A winner's follow-up: status, progress (%), timeline as (days ago, French, English).
FollowUp = tuple[str, int, tuple[tuple[int, str, str], ...]]


@attrs.frozen
class Edition:
    #: Years before the current one (0: this year's edition).
    years_ago: int
    #: First day of each phase (proposals, technical analysis, vote, results and follow-up),
    #: in days from today; the follow-up ends on ``ends`` (``None``: still running).
    starts: tuple[int, int, int, int]
    ends: int | None
    projects: tuple[Project, ...]
    rejected: tuple[Rejected, ...]
    follow_up: tuple[FollowUp, ...]
    ballots: int


PHASES = (
    ("Dépôt des idées", "Ideas"),
    ("Analyse technique", "Technical analysis"),
    ("Vote", "Vote"),
    ("Résultats et suivi des projets", "Results and follow-up of the projects"),
)
AMOUNT = 1_000_000

#: Ideas' authors: residents of the demo (no password).
AUTHORS = (
    ("Inès Moreau", "idees-1@angers.pnyx.test"),
    ("Thomas Lebrun", "idees-2@angers.pnyx.test"),
    ("Aïcha Diallo", "idees-3@angers.pnyx.test"),
    ("Paul Chevalier", "idees-4@angers.pnyx.test"),
    ("Nathalie Rousseau", "idees-5@angers.pnyx.test"),
    ("Karim Haddad", "idees-6@angers.pnyx.test"),
    ("Léa Fontaine", "idees-7@angers.pnyx.test"),
    ("Jules Bertin", "idees-8@angers.pnyx.test"),
)
