"""Ballots kept on the server: add, remove, give points, rank, check out, cancel.

Every function takes the voter's lock first (:func:`locks.lock_voter`), then
reads the ballot and the costs from the database, checks the budget's rules
and writes; the caller commits. So twenty concurrent requests of one person
behave as if they came one after the other: one ballot per budget (also a
unique constraint), and no limit exceeded. Functions return ``None`` when
done, or a message that says what to change.

The action log records that a person changed or cast a ballot, never which
projects (``docs/action-log.md``).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import Insert, Select, Update, and_, bindparam, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from pnyx import api
from pnyx_budgets import demographics, eligibility, receipts
from pnyx_budgets.locks import lock_budget, lock_voter
from pnyx_budgets.models import (
    BUDGET_RESOURCE,
    CAST,
    DRAFT,
    Ballot,
    BallotItem,
    Budget,
    Outcome,
    Project,
)
from pnyx_budgets.rules import Line, Rules, adding_problem, checkout_problems, points_problem


@functools.cache
def _counted_and_own_ballots() -> Select:
    """Built once, as the other statements every change runs (building one and its cache
    key cost about what running it does)."""
    person = and_(Ballot.budget_id == Budget.id, Ballot.voter_id == bindparam("user_id"))
    return (
        select(Ballot, Outcome.id)
        .select_from(Budget)
        .outerjoin(Outcome, Outcome.budget_id == Budget.id)
        .outerjoin(Ballot, person)
        .where(Budget.id == bindparam("budget_id"))
        .execution_options(populate_existing=True)
    )


@functools.cache
def _lines() -> Select:
    return (
        select(BallotItem.project_id, Project.cost, BallotItem.points)
        .join(Project, Project.id == BallotItem.project_id)
        .where(BallotItem.ballot_id == bindparam("ballot_id"))
        .order_by(BallotItem.position, BallotItem.id)
    )


@functools.cache
def _new_lines() -> Insert:
    return insert(BallotItem.__table__)


@functools.cache
def _new_draft() -> Insert:
    """A new draft: one ``INSERT`` returning its id, no ORM object to build and flush
    (issue 22 item 7). A draft is its voter's alone: the page cache is left alone."""
    table = Ballot.__table__
    return insert(table).returning(table.c.id).execution_options(pnyx_private=True)


@functools.cache
def _ballot_update(*, private: bool) -> Update:
    """A ballot's row by id; the columns set are the parameters' other names."""
    table = Ballot.__table__
    statement = update(table).where(table.c.id == bindparam("ballot_id"))
    return statement.execution_options(pnyx_private=private)


def write_draft(session: Session, ballot: Ballot) -> int:
    """Insert the new draft :func:`editable_draft` made, or note that an existing one
    changed (``updated_at``), with one statement; the draft's id."""
    now = api.utcnow()
    if ballot.id is None:
        values = {"budget_id": ballot.budget_id, "voter_id": ballot.voter_id, "status": DRAFT}
        values |= {"created_at": now, "updated_at": now}
        return session.execute(_new_draft(), values).scalar_one()
    session.execute(_ballot_update(private=True), {"ballot_id": ballot.id, "updated_at": now})
    set_committed_value(ballot, "updated_at", now)
    return ballot.id


def own_ballots(
    session: Session, budget_id: int, user_id: int
) -> tuple[Ballot | None, Ballot | None]:
    """The person's ``(draft, cast)`` ballots in the budget; either may be ``None``.

    Both exist while a cast ballot is being changed: the draft is the copy.
    """
    query = select(Ballot).where(Ballot.budget_id == budget_id, Ballot.voter_id == user_id)
    found = {b.status: b for b in session.scalars(query.execution_options(populate_existing=True))}
    return found.get(DRAFT), found.get(CAST)


def counted_and_own_ballots(
    session: Session, budget_id: int, user_id: int
) -> tuple[bool, Ballot | None, Ballot | None]:
    """Whether the budget's votes are counted, and the person's ``(draft, cast)`` ballots.

    What :func:`closed_problem` then :func:`own_ballots` read, in one query: the budget's
    row joined to its outcome and to the person's ballots (every change and checkout asks
    both, right after the voter's lock).
    """
    values = {"budget_id": budget_id, "user_id": user_id}
    rows = session.execute(_counted_and_own_ballots(), values).all()
    found = {ballot.status: ballot for ballot, _outcome in rows if ballot is not None}
    counted = any(outcome is not None for _ballot, outcome in rows)
    return counted, found.get(DRAFT), found.get(CAST)


def lines_of(session: Session, ballot: Ballot | None) -> list[Line]:
    """The ballot's projects with their costs as the database holds them now."""
    if ballot is None or ballot.id is None:
        return []
    rows = session.execute(_lines(), {"ballot_id": ballot.id})
    return [Line(pid, cost, points) for pid, cost, points in rows]


def CLOSED_MESSAGE() -> str:  # noqa: N802  (reads as the constant message it is)
    return api._("The votes of this budget are counted: ballots can no longer change.")


def closed_problem(session: Session, budget: Budget) -> str | None:
    if eligibility.counted_budget_ids(session, [budget.id]):
        return CLOSED_MESSAGE()
    return None


def editable_draft(
    session: Session, budget: Budget, user: api.User, *, create: bool
) -> tuple[Ballot | None, str | None]:
    """Lock the voter, then their draft in ``budget`` (created when asked)."""
    lock_voter(session, budget.component_id, user.id)
    counted, draft, cast = counted_and_own_ballots(session, budget.id, user.id)
    if counted:
        return None, CLOSED_MESSAGE()
    ballot = draft or cast
    if ballot is not None and ballot.status == CAST:
        return None, api._(
            "Your ballot is cast. To change it, choose “Change my ballot” on your receipt: "
            "it keeps counting until you confirm the new one."
        )
    if ballot is None and create:
        problem = eligibility.across_budgets_problem(session, budget, user.id)
        if problem:
            return None, problem
        # not in the session: the caller's first write inserts it (:func:`add_many`)
        ballot = Ballot(budget_id=budget.id, voter_id=user.id, status=DRAFT)
    return ballot, None


def touch(session: Session, ballot: Ballot, budget: Budget, action: str) -> None:
    ballot.updated_at = api.utcnow()
    api.log_action(
        session,
        action,
        resource=(BUDGET_RESOURCE, budget.id),
        component=budget.component,
        visibility="private",
    )


class Priced(Protocol):
    """What adding needs of a project (a :class:`Project`, or a row of its two columns)."""

    @property
    def id(self) -> int: ...

    @property
    def cost(self) -> int: ...


def add(session: Session, budget: Budget, project: Priced, user: api.User) -> str | None:
    """Put ``project`` on the person's draft ballot (1 point on a cumulative one)."""
    return add_many(session, budget, [project], user)


def add_many(
    session: Session, budget: Budget, projects: Sequence[Priced], user: api.User
) -> str | None:
    """Put ``projects`` on the draft ballot, in this order: all of them, or none.

    One lock, one read of the ballot and one log entry whatever their number, so choosing
    several projects at once costs one request (the budget page's checkboxes). A project
    already there is skipped; the first one the rules refuse stops everything (the caller
    rolls back) with the rules' message.
    """
    ballot, problem = editable_draft(session, budget, user, create=True)
    if problem or ballot is None:
        return problem
    lines = lines_of(session, ballot)
    rules, rows = Rules.of(budget), []
    for project in projects:
        if any(line.project_id == project.id for line in lines):
            continue  # already there: adding twice changes nothing
        line = Line(project.id, project.cost)
        problem = adding_problem(rules, lines, line)
        if problem:
            return problem
        rows.append({"ballot_id": ballot.id, "project_id": project.id, "position": len(lines)})
        lines.append(line)
    if rows:
        ballot_id = write_draft(session, ballot)
        api.write_action(
            session,
            "budgets.ballot_changed",
            resource=(BUDGET_RESOURCE, budget.id),
            component=budget.component,
            visibility="private",
        )
        for row in rows:
            row["ballot_id"] = ballot_id
        # one statement for all of them, on the table: no ORM bulk machinery, and the lines
        # are private to their voter (the page cache is left alone, docs/caching.md)
        session.execute(_new_lines(), rows)
    return None


def remove(session: Session, budget: Budget, project_id: int, user: api.User) -> str | None:
    ballot, problem = editable_draft(session, budget, user, create=False)
    if problem or ballot is None:
        return problem
    for item in list(ballot.items):
        if item.project_id == project_id:
            ballot.items.remove(item)
    renumber(ballot)
    touch(session, ballot, budget, "budgets.ballot_changed")
    return None


def set_points(
    session: Session, budget: Budget, project_id: int, user: api.User, points: int
) -> str | None:
    """Give ``points`` to a project of a cumulative ballot (0 takes it off)."""
    if points <= 0:
        return remove(session, budget, project_id, user)
    ballot, problem = editable_draft(session, budget, user, create=False)
    if problem or ballot is None:
        return problem
    lines = [
        Line(x.project_id, x.cost, points if x.project_id == project_id else x.points)
        for x in lines_of(session, ballot)
    ]
    problem = points_problem(Rules.of(budget), lines)
    if problem:
        return problem
    for item in ballot.items:
        if item.project_id == project_id:
            item.points = points
    touch(session, ballot, budget, "budgets.ballot_changed")
    return None


def move(
    session: Session, budget: Budget, project_id: int, user: api.User, offset: int
) -> str | None:
    """Move a project of a ranking up (``-1``) or down (``+1``)."""
    ballot, problem = editable_draft(session, budget, user, create=False)
    if problem or ballot is None:
        return problem
    items = list(ballot.items)
    index = next((i for i, item in enumerate(items) if item.project_id == project_id), None)
    if index is None or not 0 <= index + offset < len(items):
        return None
    items[index], items[index + offset] = items[index + offset], items[index]
    for position, item in enumerate(items):
        item.position = position
    touch(session, ballot, budget, "budgets.ballot_changed")
    return None


def renumber(ballot: Ballot) -> None:
    for position, item in enumerate(ballot.items):
        item.position = position


@dataclass
class Checkout:
    """What a checkout did: the cast ballot, or what stops it; whether it replaced one."""

    ballot: Ballot | None
    problems: list[str] = field(default_factory=list)
    replaced: bool = False
    #: The ballot was cast before this request (a second click): nothing changed.
    already_cast: bool = False


def locked_for_checkout(session: Session, budget_id: int, component_id: int) -> Budget | None:
    """The budget under its shared lock (staff cannot change costs or rules until the
    commit), when it belongs to ``component_id``: what :func:`checkout` needs."""
    budget = lock_budget(session, budget_id, exclusive=False)
    return budget if budget is not None and budget.component_id == component_id else None


def checkout(session: Session, budget: Budget, user: api.User) -> Checkout:
    """Cast the person's draft in ``budget`` (read by :func:`locked_for_checkout`),
    after checking everything again.

    Costs and rules are read under the budget's shared lock (staff cannot
    change them meanwhile); the rule across budgets under the voter's lock.
    When the draft is the copy of a cast ballot, the copy replaces it here, in
    this one transaction (:func:`replace_cast`). With no draft, a cast ballot is
    returned unchanged: a second click, or a second confirm racing the first.
    """
    lock_voter(session, budget.component_id, user.id)
    counted, draft, cast = counted_and_own_ballots(session, budget.id, user.id)
    if counted:
        return Checkout(None, [CLOSED_MESSAGE()])
    if draft is None and cast is not None:
        return Checkout(cast, already_cast=True)
    problems = checkout_problems(Rules.of(budget), lines_of(session, draft))
    problem = eligibility.across_budgets_problem(session, budget, user.id)
    if problem:
        problems.insert(0, problem)
    if cast is not None and not changes_allowed(budget):
        problems.insert(0, api._("Ballots cannot be changed once cast in this vote."))
    if problems or draft is None:
        return Checkout(None, problems)
    facts = demographics.voter_facts(user)
    if cast is not None:
        replace_cast(session, budget, cast)
    now = api.utcnow()
    values = {"status": CAST, "cast_at": now, "receipt_code": receipts.new_code()}
    values |= {"age_bracket": facts[0], "territory_id": facts[1], "updated_at": now}
    # one UPDATE at once, no ORM flush; a cast ballot counts in the public figures, so the
    # page cache is renewed (not private)
    session.execute(_ballot_update(private=False), {"ballot_id": draft.id, **values})
    for name, value in values.items():
        set_committed_value(draft, name, value)  # the object holds what the row now holds
    api.write_action(
        session,
        "budgets.vote",
        resource=(BUDGET_RESOURCE, budget.id),
        component=budget.component,
        visibility="private",
    )
    payload = {
        "budget_id": budget.id,
        "component_id": budget.component_id,
        "ballot_id": draft.id,
        "replaced": cast is not None,
    }
    api.publish_event(session, "budgets.voted", payload, actor_id=user.id)
    # the follow of the budget and the e-mail come after the commit (pnyx_budgets.after_vote)
    return Checkout(draft, replaced=cast is not None)


def replace_cast(session: Session, budget: Budget, cast: Ballot) -> None:
    """Delete the cast ballot a copy replaces; its receipt code stops being valid.

    Flushed at once: the unit of work writes updates before deletes, and the
    copy must not become ``cast`` while the old cast row still exists (unique).
    """
    session.delete(cast)
    session.flush()
    api.log_action(
        session,
        "budgets.receipt_invalidated",
        resource=(BUDGET_RESOURCE, budget.id),
        component=budget.component,
        visibility="private",
    )


def changes_allowed(budget: Budget) -> bool:
    return bool(api.current_settings(budget.component).get("ballot_changes_allowed"))
