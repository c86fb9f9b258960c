"""Spaces by state on /spaces and the home page; groups of spaces (issue 18 item 4)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from sqlalchemy import select

from pnyx.models import Space, SpaceGroup, TaxonomyTerm
from pnyx.spaces.state import OPEN, PAST, UPCOMING, space_state, with_state

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)


def dated(*spans: tuple[int | None, int | None]) -> list[dict[str, object]]:
    """Phases from (start, end) offsets in days from today (``None``: no date)."""
    return [
        {
            "title": f"Phase {i}",
            "start_date": None if start is None else TODAY + start * DAY,
            "end_date": None if end is None else TODAY + end * DAY,
        }
        for i, (start, end) in enumerate(spans)
    ]


def open_space(make_space, **fields):
    return make_space(steps=dated((-5, 5)), active=0, **fields)


def upcoming_space(make_space, **fields):
    return make_space(steps=dated((10, 20), (21, 30)), active=None, **fields)


def past_space(make_space, **fields):
    return make_space(steps=dated((-30, -20), (-19, -2)), active=None, **fields)


def test_the_sql_rule_and_the_python_rule_agree(session, make_space) -> None:
    """The state is defined once (docs/spaces.md); the SQL form and the loaded form agree
    on every combination of dated, undated and open-ended phases."""
    offsets = (None, -10, -1, 0, 1, 10)
    spans = [
        (s, e) for s, e in itertools.product(offsets, offsets) if s is None or e is None or s <= e
    ]
    cases = [[]] + [[a] for a in spans] + [list(pair) for pair in itertools.combinations(spans, 2)]
    spaces = [make_space(steps=dated(*case), active=None) for case in cases[::3]]
    query, state = with_state(select(Space.id), TODAY)
    in_sql = dict(session.execute(query.add_columns(state)).all())
    seen = set()
    for space in spaces:
        session.refresh(space)
        seen.add(space_state(space, TODAY))
        assert in_sql[space.id] == space_state(space, TODAY), [
            (s.start_date, s.end_date) for s in space.steps
        ]
    assert seen == {OPEN, UPCOMING, PAST}


def test_spaces_listing_by_state(client, make_space) -> None:
    open_space(make_space, title={"en": "Open one"})
    upcoming_space(make_space, title={"en": "Coming one"})
    past_space(make_space, title={"en": "Finished one"})
    make_space(title={"en": "Draft"}, published=False)
    make_space(title={"en": "Secret"}, private=True)
    page = client.get("/spaces").get_data(as_text=True)
    assert "Open one" in page and "Coming one" not in page and "Finished one" not in page
    assert "Open now (1)" in page and "Upcoming (1)" in page and "Past (1)" in page
    assert "Draft" not in page and "Secret" not in page
    page = client.get("/spaces?state=upcoming").get_data(as_text=True)
    assert "Coming one" in page and "Opens on" in page and "Open one" not in page
    past = client.get("/spaces?state=past").get_data(as_text=True)
    assert "Finished one" in past and "Results and follow-up" in past


def test_past_spaces_keep_their_page(client, make_space) -> None:
    """A finished budget keeps its results and follow-up: its page answers as before."""
    space = past_space(make_space, title={"en": "Budget 2019"})
    assert client.get(f"/spaces/{space.slug}").status_code == 200
    home = client.get("/").get_data(as_text=True)
    assert "Budget 2019" in home and "/spaces?state=past" in home


def test_highlighted_first_then_staff_order(client, make_space) -> None:
    open_space(make_space, title={"en": "Second"}, position=2)
    open_space(make_space, title={"en": "First"}, position=1)
    open_space(make_space, title={"en": "Starred"}, position=3, highlighted=True)
    page = client.get("/spaces").get_data(as_text=True)
    assert page.index("Starred") < page.index("First") < page.index("Second")
    assert "Highlighted" in page


def test_the_first_state_holding_spaces_is_shown(client, make_space) -> None:
    past_space(make_space, title={"en": "Only past"})
    page = client.get("/spaces").get_data(as_text=True)
    assert "Only past" in page and 'aria-current="page">Past (1)' in page


def test_filters_by_theme_and_territory(client, session, make_space) -> None:
    district = TaxonomyTerm(kind="territory", code="37", name={"en": "Indre-et-Loire"})
    session.add(district)
    session.flush()
    tours = TaxonomyTerm(
        kind="territory", code="37261", name={"en": "Tours"}, parent_id=district.id
    )
    mobility = TaxonomyTerm(kind="theme", code="mobility", name={"en": "Mobility"})
    session.add_all([tours, mobility])
    session.commit()
    open_space(make_space, title={"en": "Tours budget"}, territory_id=tours.id)
    cycling = open_space(make_space, title={"en": "Cycling paths"})
    cycling.themes = [mobility]
    session.commit()
    open_space(make_space, title={"en": "Elsewhere"})
    page = client.get(f"/spaces?territory={district.id}").get_data(as_text=True)
    assert "Tours budget" in page and "Cycling paths" not in page and "Elsewhere" not in page
    page = client.get(f"/spaces?theme={mobility.id}").get_data(as_text=True)
    assert "Cycling paths" in page and "Tours budget" not in page
    page = client.get("/spaces?theme=999999").get_data(as_text=True)
    assert "No space matches these filters." in page


@pytest.mark.parametrize(
    "query", ["state=finished", "type=unknown", "theme=abc", "territory=-1", "page=0"]
)
def test_bad_filters_say_what_is_wrong(client, query) -> None:
    response = client.get(f"/spaces?{query}")
    assert response.status_code == 400
    assert b"Traceback" not in response.data


def test_group_page_lists_its_editions(client, session, make_space) -> None:
    group = SpaceGroup(
        slug="budget",
        title={"en": "Participatory budget", "fr": "Budget participatif"},
        description={"en": "Every **edition** since 2018."},
    )
    session.add(group)
    session.commit()
    for year in (2018, 2019):
        past_space(make_space, title={"en": f"Budget {year}"}, group_id=group.id)
    open_space(make_space, title={"en": "Budget 2020"}, group_id=group.id)
    open_space(make_space, title={"en": "Not in the group"})
    page = client.get("/space-groups/budget").get_data(as_text=True)
    assert "<strong>edition</strong>" in page
    assert "Budget 2020" in page and "Not in the group" not in page and "Past (2)" in page
    past = client.get("/space-groups/budget?state=past").get_data(as_text=True)
    assert "Budget 2018" in past and "Budget 2019" in past
    space_page = client.get(
        f"/spaces/{session.scalar(select(Space.slug).where(Space.group_id == group.id))}"
    )
    assert "/space-groups/budget" in space_page.get_data(as_text=True)
    assert client.get("/space-groups/nowhere").status_code == 404


def test_listing_queries_do_not_grow_with_spaces(count_queries, session, make_space) -> None:
    group = SpaceGroup(slug="g", title={"en": "G"})
    session.add(group)
    session.commit()
    open_space(make_space, group_id=group.id)
    past_space(make_space, group_id=group.id)
    upcoming_space(make_space, group_id=group.id)
    few = {
        url: count_queries(url) for url in ("/spaces", "/", "/spaces?state=past", "/space-groups/g")
    }
    for _ in range(8):
        open_space(make_space, group_id=group.id)
        past_space(make_space, group_id=group.id)
        upcoming_space(make_space)
    many = {url: count_queries(url) for url in few}
    assert many == few


def test_the_first_spaces_of_every_state_come_in_one_statement(
    app, session, make_space, sql_statements
) -> None:
    """The home page's lists: the same spaces, in the same order, as one query per state."""
    from pnyx.spaces.listing import SpaceFilters, first_spaces, spaces_in

    for number in range(4):
        open_space(make_space, position=10 - number, highlighted=number == 2)
        past_space(make_space)
        upcoming_space(make_space, position=number)
    make_space(steps=dated((-5, 5)), active=0, published=False)
    limits = {OPEN: 3, UPCOMING: 2, PAST: 9}
    with app.test_request_context("/"):
        found = first_spaces(limits, SpaceFilters())
        for state, limit in limits.items():
            assert found[state] == spaces_in(state, SpaceFilters(), limit)
        assert [len(found[state]) for state in limits] == [3, 2, 4]
    home = sql_statements("/")
    assert len([s for s in home if "pnyx_numbered_spaces" in s]) == 1
