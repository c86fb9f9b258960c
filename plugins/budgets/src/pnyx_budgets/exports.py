"""Exports: projects, results, and the anonymised ballots (CSV and pabulib ``.pb``).

Rows are plain values, read in the view (a few queries, however many rows);
the CSV text is written as it is sent; cells a spreadsheet would run as a
formula are prefixed with ``'``. Ballot
exports hold no personal data: each ballot is known by the hash of its
receipt code only.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from pnyx import api
from pnyx_budgets.election import election_of, make_ballot, project_keys
from pnyx_budgets.models import CAST, Ballot, BallotItem, Budget, Outcome, Project
from pnyx_budgets.outcomes.model import CumulativeBallot
from pnyx_budgets.outcomes.pabulib import write_pb
from pnyx_budgets.receipts import anonymous_id

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BATCH = 500
#: Ballots whose choices the ballots CSV reads at once (memory stays bounded by it).
BALLOTS_PER_BATCH = 500
MASK = 2**64 - 1


def csv_cell(value: Any) -> str:
    """A value as CSV text that no spreadsheet runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    elif isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def stream_csv(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """CSV text, a chunk at a time; the first row's keys are the header."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header: list[str] | None = None
    for count, row in enumerate(rows, start=1):
        if header is None:
            header = list(row)
            writer.writerow(header)
        writer.writerow([csv_cell(row.get(column)) for column in header])
        if count % 100 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def project_rows(session: Session, budget: Budget) -> Iterator[dict[str, Any]]:
    query = (
        select(Project)
        .where(Project.budget_id == budget.id)
        .options(joinedload(Project.territory), selectinload(Project.themes))
        .order_by(Project.position, Project.id)
    )
    for project in session.scalars(query).unique():
        yield {
            "id": project.id,
            "code": project.code or "",
            "title": dict(project.title),
            "description": dict(project.description or {}),
            "cost": project.cost,
            "currency": budget.currency,
            "territory_code": project.territory.code if project.territory else "",
            "theme_codes": ",".join(term.code for term in project.themes),
            "address": project.address or "",
            "selection": project.selection,
            "follow_status": project.follow_status,
            "progress": project.progress,
        }


def result_rows(budget: Budget, outcome: Outcome, projects: list[Project]) -> Iterator[dict]:
    """One row per project: its votes, score, and whether the rule selected it."""
    summary = outcome.summary
    winners = summary["winners"]
    for project in projects:
        key = str(project.id)
        yield {
            "id": project.id,
            "title": api.translated(project.title),
            "cost": project.cost,
            "currency": budget.currency,
            "votes": summary["votes"].get(key, 0),
            "score": summary["scores"].get(key, 0),
            "selected": project.id in winners,
            "selection_order": winners.index(project.id) + 1 if project.id in winners else "",
            "rule": outcome.rule,
        }


def ballot_rows(session: Session, budget: Budget) -> Iterator[dict[str, Any]]:
    """The anonymised ballots: anonymous id, projects, and points for cumulative ones."""
    return BallotExport.of(session, budget).rows(session)


@dataclass(frozen=True)
class BallotExport:
    """The cast ballots of a budget as CSV rows, in the published order (by anonymous id,
    like the ``.pb`` file), read ``batch`` ballots at a time.

    Sorting needs every ballot's anonymous id (a hash of its receipt code, computed in
    Python), so a first pass keeps one integer per ballot (the id's 64 bits and the ballot's
    id); the ballots' choices, the bulk, are then read a batch at a time in that order. What
    it needs from the request (the budget's vote type, the projects' keys) is read in
    :meth:`of`, so :meth:`rows` can run from a session of its own once the response streams.
    """

    budget_id: int
    vote_type: str
    keys: dict[int, str]
    batch: int = BALLOTS_PER_BATCH

    @classmethod
    def of(cls, session: Session, budget: Budget) -> BallotExport:
        query = select(Project.id, Project.code).where(Project.budget_id == budget.id)
        projects = session.execute(query.order_by(Project.id)).all()
        keys = project_keys(projects)  # type: ignore[arg-type]
        return cls(budget.id, budget.vote_type, keys, batch=BALLOTS_PER_BATCH)

    def rows(self, session: Session) -> Iterator[dict[str, Any]]:
        for packed in _chunks(self._order(session), self.batch):
            batch = [(f"{key >> 64:016x}", key & MASK) for key in packed]
            chosen: dict[int, list[tuple[str, int]]] = {
                ballot_id: [] for _voter, ballot_id in batch
            }
            query = (
                select(BallotItem.ballot_id, BallotItem.project_id, BallotItem.points)
                .where(BallotItem.ballot_id.in_(list(chosen)))
                .order_by(BallotItem.ballot_id, BallotItem.position, BallotItem.id)
            )
            for ballot_id, project_id, points in session.execute(query):
                chosen[ballot_id].append((self.keys[project_id], points))
            for voter, ballot_id in batch:
                if chosen[ballot_id]:  # as in the election: a ballot without a line is left out
                    yield ballot_row(make_ballot(self.vote_type, voter, chosen[ballot_id]))

    def _order(self, session: Session) -> list[int]:
        """Every cast ballot as one integer, its anonymous id then its id, sorted."""
        query = (
            select(Ballot.id, Ballot.receipt_code)
            .where(Ballot.budget_id == self.budget_id, Ballot.status == CAST)
            .execution_options(yield_per=1000)
        )
        packed = [
            (int(anonymous_id(code or f"#{ballot_id}"), 16) << 64) | ballot_id
            for ballot_id, code in session.execute(query)
        ]
        packed.sort()
        return packed


def ballot_row(ballot: Any) -> dict[str, Any]:
    row = {"ballot": ballot.voter_id, "projects": ",".join(ballot.projects)}
    if isinstance(ballot, CumulativeBallot):
        row["points"] = ",".join(str(points) for _pid, points in ballot.points)
    return row


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def pabulib_text(session: Session, budget: Budget) -> str:
    """The budget's projects and anonymised ballots as a pabulib file."""
    return write_pb(election_of(session, budget).election)


def export_projects(session: Session, component: api.Component) -> Iterator[dict[str, Any]]:
    """``ExportDefinition`` rows: every project of every budget of the component."""
    budgets = session.scalars(select(Budget).where(Budget.component_id == component.id))
    for budget in budgets:
        for row in project_rows(session, budget):
            yield {"budget_id": budget.id, **row}
