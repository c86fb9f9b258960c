"""Answering many proposals from a CSV file: every row is checked before any is saved.

Columns: ``id``, ``state``, ``answer_<locale>`` (one per language, e.g.
``answer_fr``), ``cost``, ``execution_period``. A file with any wrong row
changes nothing and the page lists every problem with its line number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import attrs
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_proposals.answers import AnswerData, read_answer, save_answer
from pnyx_proposals.models import Proposal
from pnyx_proposals.queries import visible
from pnyx_proposals.settings import settings_of

MAX_BYTES = 2_000_000
MAX_ROWS = 20_000


@attrs.frozen
class BulkResult:
    """What a CSV import did (``saved``) or why it did nothing (``problems``)."""

    saved: int = 0
    problems: tuple[str, ...] = ()


def read_rows(raw: bytes) -> list[dict[str, str]] | str:
    """The CSV's rows as dicts, or a message saying why it cannot be read."""
    if len(raw) > MAX_BYTES:
        return api._("The file is too large (2 MB at most).")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return api._("Save the file as UTF-8 CSV and try again.")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    if not reader.fieldnames or "id" not in reader.fieldnames or "state" not in reader.fieldnames:
        return api._("The first line must name the columns, including id and state.")
    rows = []
    for row in reader:
        if len(rows) >= MAX_ROWS:
            return api._("The file has too many rows (20000 at most).")
        rows.append({key: (value or "") for key, value in row.items() if key})
    return rows


def import_answers(
    session: Session,
    component: api.Component,
    raw: bytes,
    allowed_states: Sequence[str],
    locales: Sequence[str],
    publish: bool,
) -> BulkResult:
    """Check every row, then save them all (or none)."""
    rows = read_rows(raw)
    if isinstance(rows, str):
        return BulkResult(problems=(rows,))
    ids = [int(row["id"]) for row in rows if row.get("id", "").strip().isdigit()]
    query = select(Proposal).where(
        Proposal.component_id == component.id, Proposal.id.in_(ids), visible()
    )
    proposals = {proposal.id: proposal for proposal in session.scalars(query)}
    with_costs = bool(settings_of(component).get("answers_with_costs"))
    problems: list[str] = []
    answers: list[tuple[Proposal, AnswerData]] = []
    for line, row in enumerate(rows, start=2):
        proposal = proposals.get(int(row["id"])) if row.get("id", "").strip().isdigit() else None
        if proposal is None:
            problems.append(_line(line, api._("no published proposal has this id here.")))
            continue
        data, errors = read_answer(row, allowed_states, locales, with_costs)
        problems += [
            _line(line, api._("%(label)s: %(text)s", label=field, text=message))
            for field, message in errors.items()
        ]
        answers.append((proposal, data))
    if problems:
        return BulkResult(problems=tuple(problems))
    for proposal, data in answers:
        save_answer(session, proposal, data, publish)
    return BulkResult(saved=len(answers))


def _line(number: int, message: str) -> str:
    return api._("Line %(number)d: %(message)s", number=number, message=message)
