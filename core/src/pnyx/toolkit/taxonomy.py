"""The organization's taxonomy terms of one kind, as a tree, and a form field for them.

Every page that files a record under a territory or a theme needs the same
things: the terms of a kind in tree order (a commune under its district),
each with its label in the reader's language, possibly narrowed to a subtree
(``under="37"``: the communes of one département) or a list of codes (the
themes a component uses), and a form field that accepts only those. All
terms are read in one query per request, whatever the number of calls.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
from flask import g
from marshmallow import fields, validate
from sqlalchemy import Select, select

from pnyx.db import get_session
from pnyx.i18n import translated
from pnyx.models import Space, TaxonomyTerm


@attrs.frozen
class TermOption:
    """A taxonomy term as a choice: its label in the reader's language, its depth in the tree."""

    #: The term's id (what a form sends and a model's foreign key holds).
    id: int
    #: The term's stable code (a commune's INSEE code, ``environment``).
    code: str
    #: The term's name in the reader's language.
    label: str
    #: 0 for a term shown at the top of the list, 1 for its children...
    depth: int
    #: The term row itself.
    term: TaxonomyTerm

    @property
    def indented_label(self) -> str:
        """The label after one dash per level, for a ``<select>``: "— Tours"."""
        return f"{'— ' * self.depth}{self.label}"


def _all_terms() -> list[TaxonomyTerm]:
    """Every term, read once per request (filters, forms and labels all need them)."""
    if "pnyx_taxonomy_terms" not in g:
        query = select(TaxonomyTerm).order_by(
            TaxonomyTerm.kind, TaxonomyTerm.position, TaxonomyTerm.id
        )
        g.pnyx_taxonomy_terms = list(get_session().scalars(query))
    return g.pnyx_taxonomy_terms


class _Current:
    """The default of ``space``: the space of the page being served, if any."""

    def __repr__(self) -> str:
        return "CURRENT_SPACE"


CURRENT_SPACE: Any = _Current()


def taxonomy_terms(
    kind: str,
    *,
    under: str | None = None,
    codes: Iterable[str] = (),
    space: Space | None = CURRENT_SPACE,
) -> list[TermOption]:
    """The terms of ``kind`` (``territory``, ``theme``) in tree order, depth first.

    ``under``: only the term with this code and the terms below it (an unknown
    code gives an empty list, so a mistyped setting shows no choice rather than
    every territory). ``codes``: only the terms with these codes (their
    children are not added). Both are how a component narrows the
    organization's taxonomy; without them every term of the kind is given.

    Themes are also narrowed to those ``space`` offers (by default the space
    of the page being served): when staff chose themes for a space, its
    components offer only those and the terms below them (docs/spaces.md).
    ``space=None`` gives every theme (the admin form choosing them).
    """
    terms = [term for term in _all_terms() if term.kind == kind]
    if kind == "theme":
        terms = _offered_by(terms, g.get("space") if space is CURRENT_SPACE else space)
    wanted = set(codes)
    if wanted:
        terms = [term for term in terms if term.code in wanted]
    roots = [term for term in terms if term.code == under] if under else None
    return list(_tree(terms, roots))


def _offered_by(terms: list[TaxonomyTerm], space: Space | None) -> list[TaxonomyTerm]:
    """The themes a space offers: those chosen and the terms below them (all, if none)."""
    chosen = {term.id for term in space.themes} if space is not None else set()
    if not chosen:
        return terms
    parents = {term.id: term.parent_id for term in _all_terms()}

    def offered(term_id: int | None) -> bool:
        seen = set()
        while term_id is not None and term_id not in seen:
            if term_id in chosen:
                return True
            seen.add(term_id)
            term_id = parents.get(term_id)
        return False

    return [term for term in terms if offered(term.id)]


def _tree(terms: list[TaxonomyTerm], roots: list[TaxonomyTerm] | None) -> Iterator[TermOption]:
    by_id = {term.id: term for term in terms}
    children: dict[int | None, list[TaxonomyTerm]] = defaultdict(list)
    for term in terms:
        children[term.parent_id if term.parent_id in by_id else None].append(term)
    stack = [(term, 0) for term in reversed(roots if roots is not None else children[None])]
    while stack:
        term, depth = stack.pop()
        yield TermOption(term.id, term.code, translated(term.name), depth, term)
        stack.extend((child, depth + 1) for child in reversed(children[term.id]))


def term_labels() -> dict[int, str]:
    """Every term's name in the reader's language, by id (for lists showing many records)."""
    return {term.id: translated(term.name) for term in _all_terms()}


def term_field(
    kind: str,
    label: Any,
    *,
    many: bool = False,
    required: bool = False,
    under: str | None = None,
    codes: Iterable[str] = (),
    description: Any = None,
    space: Space | None = CURRENT_SPACE,
) -> fields.Field:
    """A marshmallow field choosing terms of ``kind`` (as narrowed by ``under`` and ``codes``).

    One term id (``fields.Integer``, ``None`` when left empty unless ``required``),
    or with ``many=True`` a list of ids drawn as checkboxes. The choices are
    read when the field is made: build the schema inside the request (a
    function returning the schema class), not at import time. Themes are those
    the current space offers, as in :func:`taxonomy_terms` (``space``).
    """
    options = taxonomy_terms(kind, under=under, codes=codes, space=space)
    choice = validate.OneOf(
        [option.id for option in options], labels=[option.indented_label for option in options]
    )
    metadata: dict[str, Any] = {"label": label}
    if description is not None:
        metadata["description"] = description
    if many:
        return fields.List(fields.Integer(validate=choice), load_default=list, metadata=metadata)
    if required:
        return fields.Integer(required=True, validate=choice, metadata=metadata)
    return fields.Integer(load_default=None, allow_none=True, validate=choice, metadata=metadata)


def subtree(term_id: int) -> Select[tuple[int]]:
    """``SELECT id`` of a term and every term under it (one recursive query).

    For filters: ``Proposal.territory_id.in_(api.subtree(12))`` also finds
    what is filed under the communes of district 12.
    """
    tree = select(TaxonomyTerm.id).where(TaxonomyTerm.id == term_id)
    cte = tree.cte("pnyx_subtree", recursive=True)
    cte = cte.union_all(select(TaxonomyTerm.id).where(TaxonomyTerm.parent_id == cte.c.id))
    return select(cte.c.id)
