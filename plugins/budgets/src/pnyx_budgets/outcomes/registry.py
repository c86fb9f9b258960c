"""The outcome rules by name, and the one entry point to run them."""

from __future__ import annotations

from collections.abc import Callable

from .equal_shares import equal_shares, equal_shares_add1
from .greedy import greedy_default, greedy_no_skip, greedy_no_skip_threshold, greedy_threshold
from .model import Election, Outcome
from .tiebreak import DEFAULT_SEED

Rule = Callable[..., Outcome]
"""``rule(election, *, seed=...) -> Outcome``."""

RULES: dict[str, Rule] = {
    "greedy": greedy_default,
    "greedy-no-skip": greedy_no_skip,
    "greedy-threshold": greedy_threshold,
    "mes": equal_shares,
    "mes-add1": equal_shares_add1,
}
"""Rule name -> function: the rules a budget can be counted with. ``mes-add1`` is pabulib's
``equalshares/add1``. Every greedy rule applies META ``min_project_score_threshold``."""

VARIANTS: dict[str, Rule] = {"greedy-no-skip-threshold": greedy_no_skip_threshold}
"""Rules for files only (``pnyx budgets outcome --rule``): pabulib combinations that a budget
gets from a rule of :data:`RULES` plus its threshold setting."""

ALL_RULES: dict[str, Rule] = {**RULES, **VARIANTS}

PABULIB_NAMES = {
    "equalshares/add1": "mes-add1",
    # Wieliczka 2023: Add1, then compared with greedy by the city; the official selection is
    # the Add1 outcome (tests/test_outcomes_mes.py reproduces it)
    "equalshares/add1-comparison": "mes-add1",
    "equalshares": "mes",
}
"""pabulib META ``rule`` values that differ from our names."""


def meta_rule(election: Election) -> str | None:
    """The rule the file's META names, as one of :data:`ALL_RULES` (None: unknown/absent)."""
    raw = election.meta.get("rule", "").strip()
    name = PABULIB_NAMES.get(raw, raw)
    return name if name in ALL_RULES else None


def same_rule(rule: str, election: Election) -> bool:
    """Whether ``rule`` is the file's META rule (True when META names no known rule).

    Greedy rules compare by skipping behaviour only: each applies META's threshold anyway.
    """
    meta = meta_rule(election)
    return meta is None or _family(meta) == _family(rule)


def _family(rule: str) -> str:
    if rule.startswith("greedy-no-skip"):
        return "greedy-no-skip"
    return "greedy" if rule.startswith("greedy") else rule


PARALLEL_RULES = frozenset({"mes-add1"})
"""Rules that can spread their work over several processes (``processes=``)."""


def compute_outcome(
    election: Election, rule: str, *, seed: str = DEFAULT_SEED, processes: int = 1
) -> Outcome:
    """Run ``rule`` (a :data:`RULES` name or a pabulib META name) on ``election``.

    ``processes``: how many processes a rule of :data:`PARALLEL_RULES` may use (the outcome
    is the same); the other rules run in this process.
    """
    name = PABULIB_NAMES.get(rule, rule)
    try:
        function = ALL_RULES[name]
    except KeyError:
        raise ValueError(f"unknown rule {rule!r}; known: {', '.join(ALL_RULES)}") from None
    if name in PARALLEL_RULES and processes > 1:
        return function(election, seed=seed, processes=processes)
    return function(election, seed=seed)
