"""Greedy rules: fund projects by decreasing score while the money lasts.

* ``greedy``: go down the list, fund what fits, skip what does not (the classic municipal rule);
* ``greedy-no-skip``: stop at the first project that does not fit;
* every variant reads META ``min_project_score_threshold`` when the file has one: only projects
  whose score reaches it are eligible (Warsaw with ``greedy``, Gdynia with ``greedy-no-skip``);
* ``greedy-threshold`` and ``greedy-no-skip-threshold`` are ``greedy`` and ``greedy-no-skip``
  that refuse a file without a threshold (the rule names pabulib's META uses).

Scores are those of :mod:`.scoring`; ties follow :mod:`.tiebreak`. Projects nobody supported
(score 0) are never funded: a city does not build what no voter asked for. A project the file
marks as withdrawn (:data:`.model.WITHDRAWN_COST`) is passed over without stopping the count
(Wrocław 2017 Rejon 11: the city skipped withdrawn project 150 and funded project 425).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .model import Election, Money, Outcome
from .scoring import project_scores, project_votes
from .tiebreak import DEFAULT_SEED, TieBreak

Decision = Literal[
    "selected", "skipped", "stopped", "not-reached", "below-threshold", "no-support", "withdrawn"
]


@dataclass(frozen=True)
class GreedyStep:
    """One project as the greedy pass met it, with the budget left after the decision."""

    project: str
    score: int
    cost: int
    decision: Decision
    remaining: Money


def greedy(
    election: Election,
    *,
    skip: bool = True,
    threshold: int | None = None,
    seed: str = DEFAULT_SEED,
    rule: str = "greedy",
) -> Outcome:
    """Run a greedy pass; ``skip=False`` stops at the first misfit, ``threshold`` filters."""
    scores = project_scores(election)
    costs = {pid: p.cost for pid, p in election.projects.items()}
    votes = scores if election.vote_type == "approval" else project_votes(election)
    ties = TieBreak(costs, votes, seed)
    order = sorted(costs, key=lambda pid: (-scores[pid], ties.rank[pid]))
    remaining: Money = election.budget
    stopped = False
    steps: list[GreedyStep] = []
    for pid in order:
        decision: Decision
        if election.projects[pid].withdrawn:
            decision = "withdrawn"
        elif scores[pid] <= 0:
            decision = "no-support"
        elif threshold is not None and scores[pid] < threshold:
            decision = "below-threshold"
        elif stopped:
            decision = "not-reached"
        elif costs[pid] <= remaining:
            decision = "selected"
            remaining -= costs[pid]
        else:
            decision = "skipped" if skip else "stopped"
            stopped = not skip
        steps.append(GreedyStep(pid, scores[pid], costs[pid], decision, remaining))
    winners = tuple(s.project for s in steps if s.decision == "selected")
    parameters = {"budget": str(election.budget), "seed": seed}
    if threshold is not None:
        parameters["threshold"] = str(threshold)
    return Outcome(
        rule=rule,
        winners=winners,
        total_cost=sum(costs[pid] for pid in winners),
        budget=election.budget,
        rounds=tuple(steps),
        parameters=parameters,
    )


def meta_threshold(election: Election, *, required: bool = False) -> int | None:
    """META ``min_project_score_threshold`` (None if absent, an error if ``required``)."""
    raw = election.meta.get("min_project_score_threshold", "").strip()
    if not raw:
        if required:
            raise ValueError("this rule needs META min_project_score_threshold")
        return None
    return int(raw)


def greedy_default(election: Election, *, seed: str = DEFAULT_SEED) -> Outcome:
    """``greedy``: fund in score order, skip what does not fit (META's threshold if any)."""
    return greedy(election, threshold=meta_threshold(election), seed=seed)


def greedy_no_skip(election: Election, *, seed: str = DEFAULT_SEED) -> Outcome:
    """``greedy-no-skip``: fund in score order and stop at the first project that does not fit."""
    threshold = meta_threshold(election)
    return greedy(election, skip=False, threshold=threshold, seed=seed, rule="greedy-no-skip")


def greedy_threshold(election: Election, *, seed: str = DEFAULT_SEED) -> Outcome:
    """``greedy-threshold``: ``greedy`` over projects scoring at least META's threshold."""
    threshold = meta_threshold(election, required=True)
    return greedy(election, threshold=threshold, seed=seed, rule="greedy-threshold")


def greedy_no_skip_threshold(election: Election, *, seed: str = DEFAULT_SEED) -> Outcome:
    """``greedy-no-skip-threshold``: ``greedy-no-skip`` that requires META's threshold."""
    threshold = meta_threshold(election, required=True)
    return greedy(
        election, skip=False, threshold=threshold, seed=seed, rule="greedy-no-skip-threshold"
    )
