"""Explaining a published outcome to one voter, from the stored certificate alone.

With the Method of Equal Shares every voter starts with the same share of the
budget; round after round, the supporters of the funded project each pay its
price, or what they have left. Replaying the certificate's rounds over one
ballot tells the voter what their share was, what it helped fund, and what
the projects they chose but that were not funded lacked.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from fractions import Fraction

from pnyx_budgets.models import Outcome
from pnyx_budgets.outcomes.certificate import MES_RULES


@dataclass
class Unfunded:
    project_id: int
    lacked: Fraction
    more_supporters: int


@dataclass
class VoterExplanation:
    """Amounts in the budget's minor units (fractions: a share is rarely whole cents)."""

    share: Fraction
    paid: list[tuple[int, Fraction]] = field(default_factory=list)
    left: Fraction = Fraction(0)
    unfunded: list[Unfunded] = field(default_factory=list)


def explain_voter(outcome: Outcome, approved: Collection[int]) -> VoterExplanation | None:
    """What the voter who chose ``approved`` paid; ``None`` for rules other than MES."""
    if outcome.rule not in MES_RULES:
        return None
    unit = int(outcome.summary.get("minor_per_unit", 1))
    ids = {key: int(pid) for key, pid in outcome.summary.get("keys", {}).items()}
    share = Fraction(outcome.certificate["parameters"]["endowment"])
    chosen = {int(pid) for pid in approved}
    left = share
    explanation = VoterExplanation(share=share * unit)
    for step in outcome.certificate["rounds"]:
        project_id = ids.get(step["project"])
        if project_id in chosen and left > 0:
            amount = min(left, Fraction(step["price"]))
            left -= amount
            explanation.paid.append((project_id, amount * unit))
    explanation.left = left * unit
    lacked = outcome.summary.get("lacked", {})
    for pid in sorted({str(i) for i in chosen} & set(lacked), key=int):
        entry = lacked[pid]
        explanation.unfunded.append(
            Unfunded(int(pid), Fraction(entry["lacked"]), int(entry["more_supporters"]))
        )
    return explanation
