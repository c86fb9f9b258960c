"""A space page's figures read from the ``statistics`` hook: a figure is counted in one place.

A plugin counts its participation figures once, in its ``statistics`` hook function
(:class:`~pnyx.statistics.figures.Figure`, over any set of components). The space page's
"Participation" box shows one figure per component, declared as an ``api.StatDefinition``
whose ``compute`` is :func:`figure_value` (the value of one of those figures for the
component alone) or :func:`participants_value` (the people behind them, each once): no
second query to write, nor to keep in step with the first.

Both are ordinary ``(session, component) -> int`` callables, so code that calls a
definition's ``compute`` keeps working; :mod:`pnyx.counters` asks each hook function once
per component for every definition that reads it (:class:`FiguresOnce`). Only values are
read: ``api.statistics.daily_counts`` and ``territory_counts`` skip their queries meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs
from sqlalchemy.orm import Session

from pnyx.statistics.collect import count_people, people_of
from pnyx.statistics.figures import Figure, values_only

#: A plugin's ``statistics`` hook function: ``(components, session) -> figures or None``.
FiguresFunction = Callable[[list[Any], Session], Iterable[Figure] | None]


@attrs.frozen
class FigureValue:
    """The value of the figure ``name`` that ``figures`` counts for one component."""

    figures: FiguresFunction
    name: str

    def __call__(self, session: Session, component: Any) -> int:
        return self.read(session, values_of(self.figures, session, component))

    def read(self, session: Session, figures: Sequence[Figure]) -> int:
        for figure in figures:
            if figure.name == self.name:
                return int(figure.value)
        raise LookupError(f"the statistics function gives no figure named {self.name!r}")


@attrs.frozen
class ParticipantsValue:
    """How many people are behind the figures ``figures`` counts for one component (each
    person once, as ``/statistics`` counts participants)."""

    figures: FiguresFunction

    def __call__(self, session: Session, component: Any) -> int:
        return self.read(session, values_of(self.figures, session, component))

    def read(self, session: Session, figures: Sequence[Figure]) -> int:
        return int(count_people(session, people_of(list(figures))))


def values_of(figures: FiguresFunction, session: Session, component: Any) -> list[Figure]:
    """What ``figures`` counts for ``component`` alone, without daily or territory points."""
    with values_only():
        return list(figures([component], session) or ())


def figure_value(figures: FiguresFunction, name: str) -> FigureValue:
    """A ``StatDefinition.compute`` that reads the figure ``name`` of the plugin's
    ``statistics`` function ``figures``, counted for the component alone."""
    return FigureValue(figures, name)


def participants_value(figures: FiguresFunction) -> ParticipantsValue:
    """A ``StatDefinition.compute`` that counts the people behind the figures of the
    plugin's ``statistics`` function ``figures`` for the component alone."""
    return ParticipantsValue(figures)


class FiguresOnce:
    """Each hook function's figures for one component, asked once however many
    definitions read them (a recount of the proposals asks once, not three times)."""

    def __init__(self, session: Session, component: Any) -> None:
        self.session, self.component = session, component
        self.asked: dict[FiguresFunction, list[Figure]] = {}

    def count(self, compute: Callable[..., int]) -> int:
        if not isinstance(compute, FigureValue | ParticipantsValue):
            return int(compute(self.session, self.component))  # a definition's own query
        if compute.figures not in self.asked:
            self.asked[compute.figures] = values_of(compute.figures, self.session, self.component)
        return compute.read(self.session, self.asked[compute.figures])
