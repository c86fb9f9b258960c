"""Ballot rules of a budget, checked on every change and again at checkout.

Pure functions over a budget's rules and a ballot's lines (project, cost,
points); no database. Every message says what to change ("remove a project
first", "add 2 more"), in the reader's language.

The formats are pabulib's vote types:

* ``approval``: choose projects, with optional minimum and maximum numbers
  of projects and minimum and maximum total cost (a maximum equal to the
  budget is the "knapsack" ballot; a minimum is Decidim's "spend at least
  70 % of the budget");
* ``cumulative``: spread ``points_total`` points, at most
  ``points_per_project`` on one project (Toulouse 2019: 7 and 3);
* ``ordinal``: rank projects, most preferred first; a minimum equal to the
  maximum asks for an exact number (Kraków 2020: exactly 3).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pnyx import api
from pnyx_budgets.money import format_money


@dataclass(frozen=True)
class Rules:
    """The ballot format of one budget (copied from a ``Budget`` row)."""

    vote_type: str = "approval"
    currency: str = "EUR"
    min_projects: int | None = None
    max_projects: int | None = None
    min_total: int | None = None
    max_total: int | None = None
    points_total: int | None = None
    points_per_project: int | None = None

    @classmethod
    def of(cls, budget: object) -> Rules:
        names = cls.__dataclass_fields__
        return cls(**{name: getattr(budget, name) for name in names})


@dataclass(frozen=True)
class Line:
    """A project on a ballot, as read from the database."""

    project_id: int
    cost: int
    points: int = 1


@dataclass(frozen=True)
class Totals:
    count: int
    cost: int
    points: int


def totals(lines: Sequence[Line]) -> Totals:
    return Totals(len(lines), sum(x.cost for x in lines), sum(x.points for x in lines))


def money(rules: Rules, minor: int) -> str:
    return format_money(minor, rules.currency)


def sentences(*parts: str) -> str:
    """Sentences said one after the other: each count has its own sentence and plural."""
    return " ".join(parts)


def at_least(minimum: int) -> str:
    return api.ngettext(
        "Choose at least %(num)d project.", "Choose at least %(num)d projects.", minimum
    )


def at_most(maximum: int) -> str:
    return api.ngettext(
        "Choose at most %(num)d project.", "Choose at most %(num)d projects.", maximum
    )


def add_more(missing: int) -> str:
    return api.ngettext("Add %(num)d more.", "Add %(num)d more.", missing)


def adding_problem(rules: Rules, lines: Sequence[Line], new: Line) -> str | None:
    """Why ``new`` cannot join the ballot ``lines`` now, or ``None``."""
    after = totals([*lines, new])
    if rules.max_projects is not None and after.count > rules.max_projects:
        return api.ngettext(
            "You can choose at most %(num)d project: remove one before adding another.",
            "You can choose at most %(num)d projects: remove one before adding another.",
            rules.max_projects,
        )
    if rules.max_total is not None and after.cost > rules.max_total:
        left = max(rules.max_total - totals(lines).cost, 0)
        return api._(
            "With this project your ballot would cost %(total)s, more than the %(limit)s "
            "allowed: remove a project first, or choose one that costs at most %(left)s.",
            total=money(rules, after.cost),
            limit=money(rules, rules.max_total),
            left=money(rules, left),
        )
    return points_problem(rules, [*lines, new])


def points_problem(rules: Rules, lines: Sequence[Line]) -> str | None:
    """Cumulative ballots: the points given stay within the limits."""
    if rules.vote_type != "cumulative":
        return None
    most = rules.points_per_project
    if most is not None and any(line.points > most for line in lines):
        return api.ngettext(
            "A project gets at most %(num)d point.",
            "A project gets at most %(num)d points.",
            most,
        )
    given = totals(lines).points
    if rules.points_total is not None and given > rules.points_total:
        return sentences(
            api.ngettext(
                "You have %(num)d point to give and this would give %(given)d.",
                "You have %(num)d points to give and this would give %(given)d.",
                rules.points_total,
                given=given,
            ),
            api.ngettext(
                "Take back %(num)d first.", "Take back %(num)d first.", given - rules.points_total
            ),
        )
    return None


def checkout_problems(rules: Rules, lines: Sequence[Line]) -> list[str]:
    """Everything that stops this ballot from being cast; empty when it may be."""
    if not lines:
        return [api._("Your ballot is empty: choose at least one project.")]
    problems = [p for p in (maximum_problem(rules, lines), points_problem(rules, lines)) if p]
    now = totals(lines)
    if rules.min_projects is not None and now.count < rules.min_projects:
        missing = rules.min_projects - now.count
        if rules.vote_type == "ordinal" and rules.min_projects == rules.max_projects:
            problems.append(
                sentences(
                    api.ngettext(
                        "Rank exactly %(num)d project.",
                        "Rank exactly %(num)d projects.",
                        rules.min_projects,
                    ),
                    add_more(missing),
                )
            )
        else:
            problems.append(sentences(at_least(rules.min_projects), add_more(missing)))
    if rules.min_total is not None and now.cost < rules.min_total:
        problems.append(
            api._(
                "Your ballot costs %(total)s; choose projects for at least %(minimum)s "
                "(%(missing)s more).",
                total=money(rules, now.cost),
                minimum=money(rules, rules.min_total),
                missing=money(rules, rules.min_total - now.cost),
            )
        )
    return problems


def maximum_problem(rules: Rules, lines: Sequence[Line]) -> str | None:
    """A ballot over a maximum (possible when costs were read again at checkout)."""
    now = totals(lines)
    if rules.max_projects is not None and now.count > rules.max_projects:
        return sentences(
            at_most(rules.max_projects),
            api.ngettext(
                "Remove %(num)d project.",
                "Remove %(num)d projects.",
                now.count - rules.max_projects,
            ),
        )
    if rules.max_total is not None and now.cost > rules.max_total:
        return api._(
            "Your ballot costs %(total)s, more than the %(limit)s allowed: remove projects "
            "for at least %(extra)s.",
            total=money(rules, now.cost),
            limit=money(rules, rules.max_total),
            extra=money(rules, now.cost - rules.max_total),
        )
    return None


def describe(rules: Rules) -> list[str]:
    """The rules in plain words, for the ballot page."""
    said = []
    if rules.vote_type == "cumulative" and rules.points_total is not None:
        said.append(
            api.ngettext(
                "You have %(num)d point to give.",
                "You have %(num)d points to give.",
                rules.points_total,
            )
        )
        if rules.points_per_project is not None:
            said.append(
                api.ngettext(
                    "A project gets at most %(num)d point.",
                    "A project gets at most %(num)d points.",
                    rules.points_per_project,
                )
            )
    if rules.vote_type == "ordinal":
        said.append(api._("Rank the projects you choose, your favourite first."))
    low, high = rules.min_projects, rules.max_projects
    if low is not None and low == high:
        said.append(
            api.ngettext("Choose exactly %(num)d project.", "Choose exactly %(num)d projects.", low)
        )
    else:
        if low is not None:
            said.append(at_least(low))
        if high is not None:
            said.append(at_most(high))
    if rules.min_total is not None:
        said.append(api._("Spend at least %(amount)s.", amount=money(rules, rules.min_total)))
    if rules.max_total is not None:
        said.append(api._("Spend at most %(amount)s.", amount=money(rules, rules.max_total)))
    return said
