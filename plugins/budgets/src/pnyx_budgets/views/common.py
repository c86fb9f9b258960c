"""What the public and admin views share: loading rows of the current component,
reading the page number and filters, the ballot panel."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import request
from sqlalchemy.orm import joinedload, selectinload

from pnyx import api
from pnyx_budgets import ballots, counting, eligibility, queries, rules
from pnyx_budgets.models import CAST, DRAFT, Ballot, BallotItem, Budget, Outcome, Project
from pnyx_budgets.money import to_minor
from pnyx_budgets.settings import voting_open

#: Built once, so that the statement loading a budget is too (api.get_or_404).
WITH_TERRITORY = (joinedload(Budget.territory),)


def load_budget(budget_id: int) -> Budget:
    """A budget of the current component, or 404."""
    return api.get_or_404(Budget, budget_id, options=WITH_TERRITORY)


def load_project(budget: Budget, project_id: int) -> Project:
    return api.get_or_404(
        Project,
        project_id,
        where=[Project.budget_id == budget.id],
        options=[
            joinedload(Project.territory),
            selectinload(Project.themes),
            selectinload(Project.timeline),
        ],
    )


def communes(territories: list[Any]) -> list[Any]:
    """The territories for the "Commune" filter: a top-level territory that contains
    others (a département) is not offered as a commune (issue 10 item 13); communes, their
    districts and lone top-level territories are."""
    parents = {option.term.parent_id for option in territories}
    return [o for o in territories if not (o.depth == 0 and o.id in parents)]


def read_filter(budget: Budget) -> queries.ProjectFilter:
    """The list's filters from the query string; an unreadable value is a 400 that says which
    (issue 10: a filter is reported, never silently ignored)."""
    args = request.args
    max_cost = None
    if args.get("max_cost", "").strip():
        try:
            max_cost = to_minor(args["max_cost"], budget.currency)
        except ValueError:
            raise api.InvalidInput(
                api._("“%(field)s” must be an amount, such as 5000.", field=api._("Maximum cost"))
            ) from None
    return queries.ProjectFilter(
        territory_id=api.int_arg("territory", label=api._("Territory")),
        theme_id=api.int_arg("theme", label=api._("Theme")),
        max_cost=max_cost,
        selected_only=args.get("selected") == "1",
        text=api.search_words(args.get("q")),
        sort=args.get("sort") if args.get("sort") in queries.SORTS else "position",
    )


def counts_for(budget: Budget) -> dict[int, tuple[int, int]]:
    """Vote counts, once voting closed and when the phase shows them; else none.

    Nobody sees counts while voting is open: not even administrators.
    """
    settings = api.current_settings(budget.component)
    if not settings.get("show_votes"):
        return {}
    session = api.db_session()
    if not (settings.get("votes_finished") or counting.published_outcome(session, budget.id)):
        return {}
    return queries.vote_counts(session, budget.id)


def results_visible(budget: Budget, outcome: Outcome | None) -> bool:
    """Results are public once published and while the phase shows them."""
    shown = api.current_settings(budget.component).get("results_published")
    return outcome is not None and bool(shown)


@dataclass
class Panel:
    """The person's ballot in one budget, as the pages show it beside the projects.

    ``ballot`` is the one the person works on (the draft when there is one) and
    ``items`` its lines; ``voted`` is their cast ballot, which keeps counting
    while a draft copy of it is edited (``changing``).
    """

    budget: Budget
    decision: api.Decision
    ballot: Ballot | None = None
    voted: Ballot | None = None
    items: list[BallotItem] = field(default_factory=list)
    totals: rules.Totals = field(default_factory=lambda: rules.Totals(0, 0, 0))
    problems: list[str] = field(default_factory=list)
    rule_text: list[str] = field(default_factory=list)
    closed_reason: str | None = None
    changes_allowed: bool = False

    @property
    def chosen(self) -> set[int]:
        return {item.project_id for item in self.items}

    @property
    def cast(self) -> bool:
        return self.ballot is not None and self.ballot.status == CAST

    @property
    def changing(self) -> bool:
        return self.voted is not None and self.ballot is not self.voted

    @property
    def may_edit(self) -> bool:
        return bool(self.decision) and not self.cast and self.closed_reason is None


def panel(budget: Budget) -> Panel:
    """The ballot panel: what is chosen, the totals, what still stops a checkout."""
    return panels([budget])[0]


def panels(budgets: list[Budget]) -> list[Panel]:
    """The panels of several budgets in a fixed number of queries (the budgets index)."""
    session = api.db_session()
    user = api.current_user()
    ids = [budget.id for budget in budgets]
    owned = queries.ballots_by_budget(session, user, ids)
    working = {
        budget_id: by_status.get(DRAFT) or by_status[CAST] for budget_id, by_status in owned.items()
    }
    items = queries.items_by_ballot(session, [b.id for b in working.values()])
    counted = eligibility.counted_budget_ids(session, ids)
    found = []
    for budget in budgets:
        ballot = working.get(budget.id)
        lines = items.get(ballot.id, []) if ballot else []
        shown = Panel(
            budget=budget,
            decision=eligibility.decision(user, budget),
            ballot=ballot,
            voted=owned.get(budget.id, {}).get(CAST),
            items=lines,
            totals=rules.totals(
                [rules.Line(i.project_id, i.project.cost, i.points) for i in lines]
            ),
            rule_text=rules.describe(rules.Rules.of(budget)),
            closed_reason=ballots.CLOSED_MESSAGE() if budget.id in counted else None,
            changes_allowed=ballots.changes_allowed(budget),
        )
        if lines and not shown.cast:
            shown.problems = rules.checkout_problems(
                rules.Rules.of(budget),
                [rules.Line(i.project_id, i.project.cost, i.points) for i in lines],
            )
        found.append(shown)
    return found


def outcome_of(budget: Budget) -> Outcome | None:
    """The published outcome, or ``None`` (computed but unpublished ones stay hidden)."""
    return counting.published_outcome(api.db_session(), budget.id)


def template_context(budget: Budget) -> dict[str, Any]:
    return {
        "budget": budget,
        "voting_open": voting_open(budget.component),
        "outcome": outcome_of(budget),
    }
