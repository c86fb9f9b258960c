"""The outcome rules by name, and the one entry point to run them."""

from __future__ import annotations

from collections.abc import Callable

from .equal_shares import equal_shares, equal_shares_add1
from .greedy import greedy, greedy_no_skip, greedy_threshold
from .model import Election, Outcome
from .tiebreak import DEFAULT_SEED

Rule = Callable[..., Outcome]
"""``rule(election, *, seed=...) -> Outcome``."""

RULES: dict[str, Rule] = {
    "greedy": greedy,
    "greedy-no-skip": greedy_no_skip,
    "greedy-threshold": greedy_threshold,
    "mes": equal_shares,
    "mes-add1": equal_shares_add1,
}
"""Rule name -> function. ``mes-add1`` is pabulib's ``equalshares/add1``."""

PABULIB_NAMES = {"equalshares/add1": "mes-add1", "equalshares": "mes"}
"""pabulib META ``rule`` values that differ from our names."""


def compute_outcome(election: Election, rule: str, *, seed: str = DEFAULT_SEED) -> Outcome:
    """Run ``rule`` (a :data:`RULES` name or a pabulib META name) on ``election``."""
    name = PABULIB_NAMES.get(rule, rule)
    try:
        function = RULES[name]
    except KeyError:
        raise ValueError(f"unknown rule {rule!r}; known: {', '.join(RULES)}") from None
    return function(election, seed=seed)
