"""Text search that forgives accents and case, the same on SQLite and PostgreSQL.

Both sides of a comparison are *folded*: lower case, accents and ligatures
removed ("VÉLO", "vélo" and "velo" all become "velo"; "œuvre" becomes
"oeuvre"). Words are folded here in Python; columns by the SQL function
``pnyx_fold``: on SQLite a Python function registered on every connection, on
PostgreSQL an ``IMMUTABLE`` SQL function over the ``unaccent`` extension (so a
trigram index can be built on it: see :func:`setup_postgresql` and
docs/decisions.md). A search matches when every word appears, as a substring,
in the searched text.

Lists that search many rows keep a *stored* folded copy of their searched text
(:func:`folded_search_column`: a generated column the database computes on every
write, whatever writes it), so a search compares stored text instead of calling
the folding function on every row at query time (issue 10; docs/performance.md).
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from sqlalchemy import ColumnElement, Computed, Text, and_, event, func, literal, text
from sqlalchemy.orm import MappedColumn, mapped_column

from pnyx.models import Model

FOLD_FUNCTION = "pnyx_fold"
#: The texts of a translated field (``{locale: text}``) joined, for searching.
TRANSLATIONS_FUNCTION = "pnyx_translations"
#: Letters NFKD leaves whole, written out as unaccent writes them.
LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o"})
#: At most this many words are searched (each adds a condition).
MAX_WORDS = 8

EXTENSIONS = ("unaccent", "pg_trgm")
EXTENSION_SCHEMA = (
    "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
    "WHERE e.extname = :name"
)


def setup_postgresql(connection: Any) -> str:
    """Create ``unaccent``, ``pg_trgm`` and ``pnyx_fold`` if needed; return the trigram
    operator class to index folded text with (``CREATE INDEX ... USING gin
    (pnyx_fold(...) <it>)``).

    Run by ``create_all`` (tests) and by the migrations that index folded text;
    idempotent. ``unaccent`` and ``pg_trgm`` are "trusted" extensions since
    PostgreSQL 13, so the database's owner may create them. Names are qualified
    with the extensions' schema: the function must not depend on ``search_path``
    to be ``IMMUTABLE``.
    """
    schemas = {}
    for name in EXTENSIONS:
        connection.execute(text(f"CREATE EXTENSION IF NOT EXISTS {name}"))
        schemas[name] = connection.scalar(text(EXTENSION_SCHEMA), {"name": name})
    unaccent = schemas["unaccent"]
    connection.execute(
        text(
            f"CREATE OR REPLACE FUNCTION {FOLD_FUNCTION}(text) RETURNS text"
            " LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT lower("
            f'"{unaccent}".unaccent(\'"{unaccent}".unaccent\'::regdictionary, $1)) $$'
        )
    )
    connection.execute(
        text(
            f"CREATE OR REPLACE FUNCTION {TRANSLATIONS_FUNCTION}(jsonb) RETURNS text"
            " LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT"
            " coalesce(string_agg(value, ' '), '') FROM jsonb_each_text($1) $$"
        )
    )
    return f'"{schemas["pg_trgm"]}".gin_trgm_ops'


def fold(text: str) -> str:
    """``text`` in lower case, without accents or ligatures."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def folded(expression: Any) -> ColumnElement[str]:
    """The SQL expression ``expression`` folded (to index, or to search in)."""
    return func.pnyx_fold(expression)


def translations(column: Any) -> ColumnElement[str]:
    """Every translation of a ``{locale: text}`` column, joined: search in it with
    ``text_matches(translations(Meeting.title), text)``."""
    return func.pnyx_translations(column)


def _joined_translations(value: Any) -> str | None:
    if value is None:
        return None
    try:
        loaded = json.loads(value)
    except (TypeError, ValueError):
        return str(value)
    if isinstance(loaded, dict):
        return " ".join(str(v) for v in loaded.values() if isinstance(v, str))
    return str(loaded)


def _like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def text_matches(expression: Any, text: str) -> ColumnElement[bool]:
    """Every word of ``text`` (folded) appears in ``expression`` (folded).

    Give the same ``expression`` as the index, e.g. ``Proposal.title + " " +
    Proposal.summary``, so PostgreSQL can use a trigram index on
    ``pnyx_fold(title || ' ' || summary)``.
    """
    return folded_matches(folded(expression), text)


def folded_search_column(expression: str) -> MappedColumn[Any]:
    """A column holding ``expression`` folded, computed by the database on every write.

    ``expression`` is SQL over the row's own columns, e.g. ``"title || ' ' || summary"``
    or ``"pnyx_translations(title) || ' ' || address"`` (``pnyx_translations`` joins a
    translated field's texts). The column is generated and stored (SQLite 3.31+,
    PostgreSQL 12+), so bulk inserts, imports and SQL updates keep it right too; it is
    deferred: pages never load it. Search it with :func:`folded_matches`; on PostgreSQL
    index it with ``USING gin (column gin_trgm_ops)``. Writing a row needs the folding
    function, which every Pnyx connection has (a bare ``sqlite3`` shell can read such a
    table but not write it).
    """
    generated = Computed(f"{FOLD_FUNCTION}({expression})", persisted=True)
    return mapped_column(Text, generated, deferred=True)


def folded_matches(column: Any, text: str) -> ColumnElement[bool]:
    """Every word of ``text`` (folded) appears in ``column``, already folded (a
    :func:`folded_search_column`): no function runs per row."""
    words = [fold(word) for word in text.split()][:MAX_WORDS]
    return and_(*(column.like(literal(_like_pattern(w)), escape="\\") for w in words if w))


def search_words(text: str | None) -> str:
    """The search box's text, trimmed (empty when there is nothing to search)."""
    return " ".join((text or "").split()[:MAX_WORDS])


def register_sqlite_function(dbapi_connection: Any, _record: Any) -> None:
    """Give a SQLite connection ``pnyx_fold`` and ``pnyx_translations``."""
    dbapi_connection.create_function(
        FOLD_FUNCTION, 1, lambda v: None if v is None else fold(str(v)), deterministic=True
    )
    dbapi_connection.create_function(
        TRANSLATIONS_FUNCTION, 1, _joined_translations, deterministic=True
    )


def _postgresql_setup(_target: Any, connection: Any, **_kw: Any) -> None:
    if connection.dialect.name == "postgresql":
        setup_postgresql(connection)


event.listen(Model.metadata, "before_create", _postgresql_setup)
