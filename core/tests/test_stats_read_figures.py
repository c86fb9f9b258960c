"""A space page's figure read from the ``statistics`` hook (``api.statistics.figure_value``):
counted once, in the plugin's hook function, asked once per component however many
definitions read it (docs/statistics.md)."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.statistics.per_component import FiguresOnce


def test_definitions_reading_one_hook_function_ask_it_once(
    session: Session, make_user: Callable[..., api.User]
) -> None:
    alice, bob = make_user(), make_user()
    asked: list[list[int]] = []

    def figures(components: list[Any], session: Session) -> list[api.statistics.Figure]:
        asked.append([component.id for component in components])
        both = select(api.User.id).where(api.User.id.in_([alice.id, bob.id]))
        return [
            api.statistics.Figure("x.posts", "Posts", 3, people=both),
            api.statistics.Figure(
                "x.supports", "Supports", 7, people=select(api.User.id).where(api.User.id == bob.id)
            ),
        ]

    once = FiguresOnce(session, SimpleNamespace(id=42))

    assert once.count(api.statistics.figure_value(figures, "x.posts")) == 3
    assert once.count(api.statistics.figure_value(figures, "x.supports")) == 7
    assert once.count(api.statistics.participants_value(figures)) == 2  # Bob counted once
    assert once.count(lambda session, component: component.id + 1) == 43  # a query of its own
    assert asked == [[42]]


def test_a_figure_value_is_an_ordinary_compute(session: Session) -> None:
    def figures(components: list[Any], session: Session) -> list[api.statistics.Figure]:
        return [api.statistics.Figure("x.posts", "Posts", len(components) * 5)]

    component = SimpleNamespace(id=1)
    stat = api.StatDefinition("x_posts", "Posts", api.statistics.figure_value(figures, "x.posts"))

    assert stat.compute(session, component) == 5
    with pytest.raises(LookupError, match=r"x\.none"):
        api.statistics.figure_value(figures, "x.none")(session, component)
    assert api.statistics.participants_value(lambda components, session: None)(session, None) == 0


def test_a_space_page_recount_skips_the_daily_and_territory_queries(
    session: Session, make_user: Callable[..., api.User]
) -> None:
    make_user()
    points: list[object] = []

    def figures(components: list[Any], session: Session) -> list[api.statistics.Figure]:
        daily = api.statistics.daily_counts(session, api.User.created_at)
        places = api.statistics.territory_counts(session, api.User.id)
        points.append((daily, places))
        return [api.statistics.Figure("x.people", "People", 1, daily=daily, by_territory=places)]

    FiguresOnce(session, SimpleNamespace(id=1)).count(
        api.statistics.figure_value(figures, "x.people")
    )
    figures([], session)  # the statistics pages: every point

    assert points[0] == ([], [])
    assert points[1][0] and points[1][1]
