"""Open-data exports of a component's proposals, streamed as CSV or JSON.

Only visible proposals (published, not hidden, not merged) and only public
facts: no author, no e-mail, no supporter, no report, no unpublished answer.
Rows are read 500 at a time and written as they come, so exporting ten
thousand proposals holds a few hundred in memory.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from flask import Response, abort
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from pnyx import api
from pnyx_proposals.models import Proposal
from pnyx_proposals.queries import visible
from pnyx_proposals.settings import settings_of
from pnyx_proposals.taxonomy import term_labels

BATCH = 500
COLUMNS = (
    "id",
    "title",
    "body",
    "language",
    "territory_code",
    "territory",
    "theme_codes",
    "state",
    "withdrawn",
    "supports",
    "published_at",
    "answer",
    "answered_at",
    "cost",
    "execution_period",
)
#: A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def rows(session: Session, component: api.Component) -> Iterator[dict[str, Any]]:
    """The export's rows, as plain values (the ``rows`` of the ExportDefinition)."""
    supports_hidden = bool(settings_of(component).get("supports_hidden"))
    return rows_of(session, component.id, term_labels(), supports_hidden)


def rows_of(
    session: Session, component_id: int, labels: dict[int, str], supports_hidden: bool
) -> Iterator[dict[str, Any]]:
    """The rows, read 500 at a time; needs no Flask context (labels are given)."""
    query = (
        select(Proposal)
        .where(Proposal.component_id == component_id, visible())
        .options(joinedload(Proposal.territory), selectinload(Proposal.themes))
        .order_by(Proposal.id)
        .execution_options(yield_per=BATCH)
    )
    for proposal in session.scalars(query):
        yield row_of(proposal, labels, supports_hidden)


def row_of(proposal: Proposal, labels: dict[int, str], supports_hidden: bool) -> dict[str, Any]:
    answered = proposal.answer_published_at is not None
    territory = proposal.territory
    return {
        "id": proposal.id,
        "title": proposal.title,
        "body": proposal.body,
        "language": proposal.language,
        "territory_code": territory.code if territory else "",
        "territory": labels.get(territory.id, "") if territory else "",
        "theme_codes": ",".join(theme.code for theme in proposal.themes),
        "state": proposal.state,
        "withdrawn": proposal.withdrawn_at is not None,
        "supports": None if supports_hidden else proposal.supports_count,
        "published_at": proposal.published_at.isoformat() if proposal.published_at else "",
        "answer": dict(proposal.answer_text or {}) if answered else {},
        "answered_at": proposal.answer_published_at.isoformat() if answered else "",  # type: ignore[union-attr]
        "cost": str(proposal.cost) if answered and proposal.cost is not None else "",
        "execution_period": proposal.execution_period if answered else "",
    }


def csv_cell(value: Any) -> str:
    """A value as CSV text that no spreadsheet runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    elif isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def stream_csv(records: Iterator[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for count, record in enumerate(records, start=1):
        writer.writerow([csv_cell(record.get(column)) for column in COLUMNS])
        if count % 100 == 0:
            yield _drain(buffer)
    yield _drain(buffer)


def stream_json(records: Iterator[dict[str, Any]]) -> Iterator[str]:
    yield "["
    for count, record in enumerate(records):
        yield ("," if count else "") + "\n" + json.dumps(record, ensure_ascii=False)
    yield "\n]\n"


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def download(component: api.Component, fmt: str) -> Response:
    """The component's open data as a streamed download (rows read 500 at a time).

    The body is written after the request's context is gone, so it reads with
    a session of its own, closed when the download ends (or is abandoned).
    """
    if fmt not in MEDIA_TYPES:
        abort(404)
    engine = api.db_session().get_bind()
    labels = term_labels()
    supports_hidden = bool(settings_of(component).get("supports_hidden"))
    component_id = component.id

    def body() -> Iterator[str]:
        with Session(engine) as session:
            records = rows_of(session, component_id, labels, supports_hidden)
            yield from stream_csv(records) if fmt == "csv" else stream_json(records)

    filename = f"proposals-{component.id}.{fmt}"
    return Response(
        body(),
        mimetype=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
