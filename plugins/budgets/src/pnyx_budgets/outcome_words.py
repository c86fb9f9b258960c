"""An outcome's rule and parameters in words and amounts, for the admin outcome page.

Staff read "Method of Equal Shares, completed (Add1)" and "budget 1 100 000 €",
not ``mes-add1`` and cents (issue 10 item 10). The engine's identifiers stay
available under "technical details", for the people who verify the outcome.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from pnyx import api
from pnyx_budgets.models import Budget, Outcome
from pnyx_budgets.money import format_money
from pnyx_budgets.views.forms import RULE_LABELS


def rule_in_words(rule: str) -> str:
    """The label staff chose the rule with in the budget's form."""
    label = RULE_LABELS.get(rule)
    return str(label) if label is not None else rule


def amount(value: Any, budget: Budget) -> str:
    """A parameter that is an amount in minor units (an MES share may be a fraction)."""
    return format_money(Fraction(str(value)), budget.currency)


def parameters_in_words(row: Outcome, budget: Budget) -> list[tuple[str, str]]:
    """``(label, value)`` for each parameter people read; the rest stays technical."""
    shown = row.parameters
    facts: list[tuple[str, str]] = []
    if "budget" in shown:
        facts.append((api._("Budget"), amount(shown["budget"], budget)))
    if "threshold" in shown:
        facts.append(
            (api._("Minimum votes to be selected"), api.format_number(int(shown["threshold"])))
        )
    if "voters" in shown:
        facts.append((api._("Voters"), api.format_number(int(shown["voters"]))))
    if "endowment" in shown:
        facts.append((api._("Each voter's share"), amount(shown["endowment"], budget)))
    if "start_endowment" in shown:
        facts.append(
            (
                api._("Each voter's share before the completion"),
                amount(shown["start_endowment"], budget),
            )
        )
    if str(shown.get("completion", "")).startswith("none"):
        facts.append((api._("Completion"), api._("none: the budget covers every project")))
    if "seed" in shown:
        facts.append((api._("Seed of the tie-breaking draw"), str(shown["seed"])))
    return facts
