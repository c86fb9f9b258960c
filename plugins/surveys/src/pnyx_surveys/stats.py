"""Participation figures of a survey component, for the space page (``StatDefinition``).

Read from the ``statistics`` hook's figures (:mod:`pnyx_surveys.statistics`), counted for
the component alone: over its own questionnaire only (not over the forms other plugins
build with the engine). "Participants" (answer sets, anonymous ones included) and
"written contributions" are the figures of the Nivelles results block.
"""

from __future__ import annotations

from pnyx import api
from pnyx_surveys.statistics import figures

STATS = (
    api.StatDefinition(
        "surveys_participants",
        api._l("People who answered"),
        api.statistics.figure_value(figures, "surveys.answers"),
    ),
    api.StatDefinition(
        "surveys_written",
        api._l("Written contributions"),
        api.statistics.figure_value(figures, "surveys.written"),
    ),
)
