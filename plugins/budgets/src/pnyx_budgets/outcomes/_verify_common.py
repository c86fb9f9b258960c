"""Checks every certified outcome must pass, whatever its rule."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .model import Election


def check_outcome(part: Mapping[str, Any], election: Election) -> list[str]:
    """Winners known and distinct, and ``total_cost`` their sum."""
    winners = part["winners"]
    unknown = [pid for pid in winners if pid not in election.projects]
    if unknown:
        return [f"unknown winning project(s) {unknown}"]
    problems = []
    if len(set(winners)) != len(winners):
        problems.append("a project is listed twice among the winners")
    if sum(election.projects[pid].cost for pid in winners) != part["total_cost"]:
        problems.append("total_cost is not the sum of the winners' costs")
    return problems
