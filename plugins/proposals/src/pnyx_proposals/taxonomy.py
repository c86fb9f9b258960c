"""Territories and themes from the core's taxonomy, as a component's settings narrow them.

A component's territories are every territory term (or those under the
``territory_root`` code); its themes every theme (or those listed in
``theme_codes``). Both come from one query per request, and the territory
filter's sub-territories from a recursive CTE inside the list's own query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import attrs
from flask import g
from sqlalchemy import Select, select

from pnyx import api
from pnyx_proposals.settings import codes

Term = api.TaxonomyTerm


@attrs.frozen
class TermOption:
    """A term as a choice in a form: indented by its depth in the tree."""

    id: int
    code: str
    label: str
    depth: int


@attrs.frozen
class ComponentTerms:
    """The territories and themes a component's proposals may use."""

    territories: tuple[TermOption, ...]
    themes: tuple[TermOption, ...]

    def territory_ids(self) -> set[int]:
        return {option.id for option in self.territories}

    def theme_ids(self) -> set[int]:
        return {option.id for option in self.themes}


def all_terms() -> list[api.TaxonomyTerm]:
    """Every taxonomy term, read once per request (pages need them for filters and labels)."""
    if "proposals_terms" not in g:
        query = select(Term).order_by(Term.kind, Term.position, Term.id)
        g.proposals_terms = list(api.db_session().scalars(query))
    return g.proposals_terms


def component_terms(settings: api.ResolvedSettings) -> ComponentTerms:
    """The component's territories (as a tree, depth-first) and themes."""
    terms = all_terms()
    territories = [t for t in terms if t.kind == "territory"]
    root_code = settings.get("territory_root") or ""
    roots = [t for t in territories if t.code == root_code] if root_code else None
    theme_codes = set(codes(settings.get("theme_codes") or ""))
    themes = [t for t in terms if t.kind == "theme" and (not theme_codes or t.code in theme_codes)]
    return ComponentTerms(
        territories=tuple(_tree(territories, roots)),
        themes=tuple(_tree(themes, None)),
    )


def _tree(
    terms: list[api.TaxonomyTerm], roots: list[api.TaxonomyTerm] | None
) -> Iterable[TermOption]:
    by_id = {t.id: t for t in terms}
    children: dict[int | None, list[api.TaxonomyTerm]] = defaultdict(list)
    for term in terms:
        parent = term.parent_id if term.parent_id in by_id else None
        children[parent].append(term)
    stack = [(term, 0) for term in reversed(roots if roots is not None else children[None])]
    while stack:
        term, depth = stack.pop()
        yield TermOption(term.id, term.code, api.translated(term.name), depth)
        stack.extend((child, depth + 1) for child in reversed(children[term.id]))


def subtree(term_id: int) -> Select[tuple[int]]:
    """``SELECT id`` of a term and every term under it (a recursive CTE, one query)."""
    tree = select(Term.id).where(Term.id == term_id).cte("proposals_subtree", recursive=True)
    tree = tree.union_all(select(Term.id).where(Term.parent_id == tree.c.id))
    return select(tree.c.id)


def term_labels() -> dict[int, str]:
    """Every term's label in the reader's language, by id."""
    return {term.id: api.translated(term.name) for term in all_terms()}
