"""What an importer declares, and what it is given while importing."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from pnyx.models import Component, TaxonomyTerm


class RowError(Exception):
    """A row that cannot be imported; ``str(error)`` says why, for the line's report."""


@attrs.define
class ImportContext:
    """The session, the target component (``--component``), the options, and a cache
    an importer fills once (lookup tables) instead of querying per row."""

    session: Session
    component: Component | None = None
    options: Mapping[str, Any] = attrs.field(factory=dict)
    cache: dict[str, Any] = attrs.field(factory=dict)

    def imported(self, importer: str, external_ids: list[str]) -> set[str]:
        """Which of ``external_ids`` ``importer`` imported before (their rows are skipped)."""
        from pnyx.models import ImportKey

        query = select(ImportKey.external_id).where(
            ImportKey.importer == importer, ImportKey.external_id.in_(external_ids)
        )
        return set(self.session.scalars(query))

    def insert(self, model: Any, rows: list[dict[str, Any]]) -> list[int]:
        """Insert ``rows`` into ``model``'s table; their new ids, in the rows' order.

        One statement per batch. PostgreSQL returns the ids in the rows' order
        (``RETURNING`` with SQLAlchemy's "insertmanyvalues"). SQLite would insert
        row by row for that, so there the ids are read back: the import's
        transaction holds SQLite's write lock (``BEGIN IMMEDIATE``), so the new
        rows are exactly the next ids.
        """
        if not rows:
            return []
        table = model.__table__
        if self.session.get_bind().dialect.name != "sqlite":
            query = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            return list(self.session.scalars(query, rows))
        before = self.session.scalar(select(func.max(table.c.id))) or 0
        self.session.execute(insert(table), rows)
        new = select(table.c.id).where(table.c.id > before).order_by(table.c.id)
        ids = list(self.session.scalars(new))
        if len(ids) != len(rows):  # another writer: cannot happen under BEGIN IMMEDIATE
            raise RuntimeError("rows were inserted concurrently during the import")
        return ids

    def theme_ids(self, codes: str) -> list[int]:
        """The ids of ``|``-separated theme codes (``mobility|environment``); unknown: RowError."""
        found = [self.term_id("theme", code) for code in codes.split("|") if code.strip()]
        return sorted({term for term in found if term is not None})

    def term_ids(self, kind: str) -> dict[str, int]:
        """``{code: id}`` of the taxonomy terms of ``kind`` (read once per import)."""
        key = f"terms:{kind}"
        if key not in self.cache:
            query = select(TaxonomyTerm.code, TaxonomyTerm.id).where(TaxonomyTerm.kind == kind)
            self.cache[key] = dict(self.session.execute(query).all())
        return self.cache[key]

    def term_id(self, kind: str, code: str) -> int | None:
        """The id of the term ``code`` (``None`` for an empty code); unknown: a RowError."""
        code = code.strip()
        if not code:
            return None
        found = self.term_ids(kind).get(code)
        if found is None:
            raise RowError(f"unknown {kind} code {code!r}")
        return found


#: A row of a batch being checked: (line number, external id, what ``parse`` returned).
CheckedRow = tuple[int, str, Any]


@attrs.frozen
class Importer:
    """A kind of rows ``pnyx import NAME FILE`` reads.

    ``name`` is ``people`` for the core, ``<plugin>:<kind>`` for a plugin. Every file has an
    ``external_id`` column (the row's id in the city's own system, unique in the file): rows
    whose id was imported before are skipped, so importing a file again creates nothing twice.

    - ``parse(context, row)`` turns one row (a dict of column → text) into what ``write``
      needs, or raises :class:`RowError`. It is called twice per row (checking, then
      writing), so it must not write.
    - ``write(context, rows)`` inserts a batch of new rows (what ``parse`` returned) and
      returns their ids, in order. One query per batch, not per row.
    - ``check_batch(context, rows)``, optional: checks a batch against the database (an
      e-mail address already used...) and returns ``[(line, message)]``.
    - ``after_commit(context, ids)``, optional: once everything is committed, with the ids
      created (invitations by e-mail).
    - ``component_type``: rows go into a component of this type, given with ``--component``.
    """

    #: ``people`` (the core) or ``<plugin>:<kind>``: what ``pnyx import`` is given.
    name: str
    #: What the rows are, for people (``Proposals``).
    label: str
    #: Columns a file must have besides ``external_id``; a missing one stops at line 1.
    required_columns: tuple[str, ...]
    #: ``(context, row) -> value``: one row read and checked; raises ``api.RowError``.
    parse: Callable[[ImportContext, Mapping[str, str]], Any]
    #: ``(context, values) -> ids``: a batch of new rows written, their ids in order.
    write: Callable[[ImportContext, list[Any]], Sequence[int]]
    #: Columns read when present (documentation and ``--help``).
    optional_columns: tuple[str, ...] = ()
    #: ``(context, [(line, external_id, value)]) -> [(line, message)]``: database checks.
    check_batch: Callable[[ImportContext, list[CheckedRow]], list[tuple[int, str]]] | None = None
    #: ``(context, ids)``: called once the import is committed (e-mails).
    after_commit: Callable[[ImportContext, list[int]], None] | None = None
    #: The component type rows go into (``--component ID`` of that type); ``None``: none.
    component_type: str | None = None
