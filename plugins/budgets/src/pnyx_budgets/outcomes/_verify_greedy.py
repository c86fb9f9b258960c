"""Checking a greedy certificate: the order follows the scores, and each decision the fit."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from .model import Election
from .scoring import project_scores, project_votes
from .tiebreak import TieBreak


def verify_greedy_steps(cert: Mapping[str, Any], election: Election) -> list[str]:
    """Problems in the ``rounds`` of a ``greedy``/``greedy-no-skip``/``greedy-threshold`` cert."""
    rule, parameters, steps = cert["rule"], cert["parameters"], cert["rounds"]
    threshold = int(parameters["threshold"]) if "threshold" in parameters else None
    problems = _check_threshold(rule, threshold, election)
    if sorted(step["project"] for step in steps) != sorted(election.projects):
        return [*problems, "the steps must list every project exactly once"]
    scores = project_scores(election)
    costs = {pid: p.cost for pid, p in election.projects.items()}
    votes = scores if election.vote_type == "approval" else project_votes(election)
    ties = TieBreak(costs, votes, parameters["seed"])
    order = [(-scores[s["project"]], ties.rank[s["project"]]) for s in steps]
    if order != sorted(order):
        problems.append("the steps are not in decreasing score order (ties: see tiebreak)")
    remaining, stopped = Fraction(election.budget), False
    for number, step in enumerate(steps, 1):
        pid = step["project"]
        if step["score"] != scores[pid] or step["cost"] != costs[pid]:
            problems.append(f"step {number} ({pid}): wrong score or cost")
        expected = _decision(scores[pid], costs[pid], remaining, threshold, stopped, rule)
        if election.projects[pid].withdrawn:
            expected = "withdrawn"
        if expected == "selected":
            remaining -= costs[pid]
        stopped = stopped or expected == "stopped"
        if step["decision"] != expected:
            problems.append(f"step {number} ({pid}): decision should be {expected!r}")
        if Fraction(step["remaining"]) != remaining:
            problems.append(f"step {number} ({pid}): wrong remaining budget")
    selected = [s["project"] for s in steps if s["decision"] == "selected"]
    if selected != list(cert["winners"]):
        problems.append("the winners are not the selected steps")
    return problems


def _check_threshold(rule: str, threshold: int | None, election: Election) -> list[str]:
    meta = election.meta.get("min_project_score_threshold", "").strip()
    expected = int(meta) if meta else None
    if threshold != expected:
        return ["the threshold is not the election's min_project_score_threshold"]
    if rule.endswith("-threshold") and threshold is None:
        return [f"{rule} needs META min_project_score_threshold"]
    return []


def _decision(
    score: int, cost: int, remaining: Fraction, threshold: int | None, stopped: bool, rule: str
) -> str:
    if score <= 0:
        return "no-support"
    if threshold is not None and score < threshold:
        return "below-threshold"
    if stopped:
        return "not-reached"
    if cost <= remaining:
        return "selected"
    return "stopped" if rule.startswith("greedy-no-skip") else "skipped"
