"""The list of proposals: filters, sorts and pages, in a fixed number of queries.

One query picks a page's ids and counts the matches, one reads those
proposals (territory joined in), one loads their themes; the filters
(sub-territories through a recursive CTE, themes through ``EXISTS``, text
with ``LIKE``) live inside them. Nothing runs once per proposal, so a page costs the same with ten
proposals or ten thousand.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

import attrs
from sqlalchemy import BigInteger, ColumnElement, Select, and_, cast, exists, func, select
from sqlalchemy.orm import defer, joinedload, selectinload

from pnyx import api
from pnyx_proposals import states
from pnyx_proposals.models import Proposal, proposal_themes
from pnyx_proposals.taxonomy import subtree

SORTS = ("random", "recent", "most_supported")
#: A prime just under 2**31: random order is ``(id * a + b) mod P``, with ``a`` and ``b``
#: drawn from the seed, so each seed gives its own permutation and pages stay stable.
PRIME = 2_147_483_647
MAX_SEED = 999_999
MAX_QUERY = 100


def visible() -> ColumnElement[bool]:
    """Published, not hidden by moderation, not merged into another proposal.

    Every public list, search, export and statistic starts from this.
    """
    return and_(
        Proposal.published_at.is_not(None),
        Proposal.hidden_at.is_(None),
        Proposal.merged_into_id.is_(None),
    )


@attrs.frozen
class Filters:
    """What a reader asked for in the list's query string."""

    territory: int | None = None
    theme: int | None = None
    state: str | None = None
    text: str = ""
    sort: str = "random"
    seed: int = 1
    page: int = 1

    @classmethod
    def from_args(cls, args: Mapping[str, Any], default_sort: str = "random") -> Filters:
        sort = args.get("sort") if args.get("sort") in SORTS else default_sort
        return cls(
            territory=api.read_int(args, "territory", label=api._("Territory")),
            theme=api.read_int(args, "theme", label=api._("Theme")),
            state=(args.get("state") or None),
            text=" ".join(str(args.get("q") or "").split())[:MAX_QUERY],
            sort=sort,
            seed=_int(args.get("seed"), 1, MAX_SEED) or secrets.randbelow(MAX_SEED) + 1,
            page=api.read_int(args, "page", 1, label=api._("page"), maximum=api.MAX_PAGE) or 1,
        )

    def args(self, **changes: Any) -> dict[str, Any]:
        """Query-string arguments for a link to these filters with ``changes``."""
        values = attrs.asdict(self) | changes
        values["q"] = values.pop("text")
        if values["sort"] != "random":
            values.pop("seed")
        if values["page"] == 1:
            values.pop("page")
        return {key: value for key, value in values.items() if value not in (None, "")}


def _int(value: Any, low: int = 1, high: int = 2**31 - 1) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def filtered(component_id: int, filters: Filters) -> Select[tuple[Proposal]]:
    """The visible proposals of a component that match ``filters`` (not yet sorted)."""
    query = select(Proposal).where(Proposal.component_id == component_id, visible())
    if filters.state == states.WITHDRAWN:
        query = query.where(Proposal.withdrawn_at.is_not(None))
    else:
        query = query.where(Proposal.withdrawn_at.is_(None))
        if filters.state:
            query = query.where(Proposal.state == filters.state)
    if filters.territory:
        query = query.where(Proposal.territory_id.in_(subtree(filters.territory)))
    if filters.theme:
        query = query.where(has_theme(filters.theme))
    if filters.text:
        query = query.where(matches(filters.text))
    return query


def has_theme(term_id: int) -> ColumnElement[bool]:
    return exists().where(
        proposal_themes.c.proposal_id == Proposal.id, proposal_themes.c.term_id == term_id
    )


def matches(text: str) -> ColumnElement[bool]:
    """Every word appears in the title or the body's text, whatever the accents and case
    (in the stored folded copy, indexed on PostgreSQL by ``ix_proposals_proposals_search``)."""
    return api.folded_matches(Proposal.search_text, text)


def sorted_by(query: Select[tuple[Proposal]], filters: Filters) -> Select[tuple[Proposal]]:
    if filters.sort == "recent":
        return query.order_by(Proposal.published_at.desc(), Proposal.id.desc())
    if filters.sort == "most_supported":
        return query.order_by(Proposal.supports_count.desc(), Proposal.id.desc())
    multiplier, offset = _permutation(filters.seed)
    key = (cast(Proposal.id, BigInteger) * multiplier + offset) % PRIME
    return query.order_by(key, Proposal.id)


def _permutation(seed: int) -> tuple[int, int]:
    # Knuth's multiplicative hash spreads seeds over the field; the multiplier
    # is never 0, so (id * a + b) mod P is a permutation of the ids.
    multiplier = 1 + (seed * 2_654_435_761) % (PRIME - 1)
    return multiplier, (seed * 40_503) % PRIME


def page_of(component_id: int, filters: Filters, size: int) -> tuple[list[Proposal], int]:
    """One page of matching proposals and how many match in all, in three queries.

    The page's ids come first, with the number of matches (``count(*) OVER ()``:
    one pass over the matching rows, which the sort handles as two integers
    each, not whole proposals). The rows are read next, without their bodies (a
    card shows the summary), with their territory joined; then their themes.
    """
    session = api.db_session()
    query = filtered(component_id, filters)
    ids_query = (
        sorted_by(query.with_only_columns(Proposal.id, func.count().over()), filters)
        .offset((filters.page - 1) * size)
        .limit(size)
    )
    found = session.execute(ids_query).all()
    if not found:  # a page past the end: the total still says how many there are
        total = session.scalar(query.with_only_columns(func.count(Proposal.id))) or 0
        return [], total
    ids, total = [row[0] for row in found], found[0][1]
    rows = session.scalars(
        select(Proposal)
        .where(Proposal.id.in_(ids))
        .options(
            defer(Proposal.body),
            joinedload(Proposal.territory),
            selectinload(Proposal.themes),
        )
    )
    by_id = {proposal.id: proposal for proposal in rows.unique()}
    return [by_id[i] for i in ids if i in by_id], total
