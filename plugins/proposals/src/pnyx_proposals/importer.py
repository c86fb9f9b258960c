"""``pnyx import proposals:proposals FILE.csv --component ID``: proposals collected elsewhere
(a paper campaign, a former platform), published in a proposals component.

Columns: ``external_id``, ``title``, ``body`` (required); ``summary``, ``territory`` (a
territory's code), ``themes`` (theme codes separated by ``|``), ``address``,
``author_email`` (an existing account; empty: no author shown), ``language`` (the language
the proposal is written in, one of the organization's: ``co``, ``fr``...; empty: unknown, not
marked on pages). The core checks every row before writing, skips external ids imported before
and writes in batches.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, insert, select

from pnyx import api
from pnyx_proposals.models import Proposal, proposal_themes

TITLE_MAX = 200
SUMMARY_MAX = 300


def parse(context: api.ImportContext, row: Mapping[str, str]) -> dict[str, Any]:
    title, body = row.get("title", ""), row.get("body", "")
    if not title or len(title) > TITLE_MAX:
        raise api.RowError(f"the title is empty or longer than {TITLE_MAX} characters")
    if not body:
        raise api.RowError("the body is empty")
    if len(row.get("summary", "")) > SUMMARY_MAX:
        raise api.RowError(f"the summary is longer than {SUMMARY_MAX} characters")
    return {
        "title": title,
        "body": body,
        "language": written_language(row.get("language", "")),
        "summary": row.get("summary", ""),
        "address": row.get("address", "")[:255],
        "territory_id": context.term_id("territory", row.get("territory", "")),
        "themes": context.theme_ids(row.get("themes", "")),
        "author_email": row.get("author_email", "").lower(),
    }


def written_language(language: str) -> str:
    """The ``language`` column: '' (unknown) or one of the organization's languages."""
    if not language:
        return ""
    offered = api.offered_languages()
    if language not in offered:
        raise api.RowError(
            f"unknown language {language!r}: the organization's languages are "
            f"{', '.join(offered)} (or leave the language empty)"
        )
    return language


def check_authors(
    context: api.ImportContext, rows: list[tuple[int, str, Any]]
) -> list[tuple[int, str]]:
    wanted = {value["author_email"] for _line, _eid, value in rows if value["author_email"]}
    known = authors(context, wanted)
    return [
        (line, f"no account uses the author's address {value['author_email']}")
        for line, _eid, value in rows
        if value["author_email"] and value["author_email"] not in known
    ]


def authors(context: api.ImportContext, emails: set[str]) -> dict[str, int]:
    if not emails:
        return {}
    query = select(func.lower(api.User.email), api.User.id).where(
        func.lower(api.User.email).in_(emails)
    )
    return dict(context.session.execute(query).all())


def write(context: api.ImportContext, rows: list[dict[str, Any]]) -> list[int]:
    component, now = context.component, api.utcnow()
    assert component is not None  # the core requires --component for this importer
    author_ids = authors(context, {row["author_email"] for row in rows if row["author_email"]})
    ids = context.insert(
        Proposal,
        [
            {
                "component_id": component.id,
                "author_id": author_ids.get(row["author_email"]),
                "title": row["title"],
                "body": row["body"],
                "language": row["language"],
                "summary": row["summary"],
                "address": row["address"],
                "territory_id": row["territory_id"],
                "created_at": now,
                "updated_at": now,
                "published_at": now,
            }
            for row in rows
        ],
    )
    themes = [
        {"proposal_id": proposal_id, "term_id": term_id}
        for proposal_id, row in zip(ids, rows, strict=True)
        for term_id in row["themes"]
    ]
    if themes:
        context.session.execute(insert(proposal_themes), themes)
    return ids


IMPORTER = api.Importer(
    name="proposals:proposals",
    label="Proposals",
    required_columns=("title", "body"),
    optional_columns=(
        "summary",
        "territory",
        "themes",
        "address",
        "author_email",
        "language",
    ),
    parse=parse,
    write=write,
    check_batch=check_authors,
    component_type="proposals",
)
