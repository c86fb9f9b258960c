"""Fixtures of the budgets plugin's own tests."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from pnyx_budgets.models import SELECTED, Outcome
from pnyx_budgets.outcomes.model import Election
from pnyx_budgets.outcomes.pabulib import read_pb


def shared_pabulib() -> Path | None:
    """``shared/data/pabulib`` beside the repository or above it (``../shared`` from
    ``/work/main``), or ``$PNYX_PABULIB_DIR``: real elections that are not copied here."""
    if os.environ.get("PNYX_PABULIB_DIR"):
        return Path(os.environ["PNYX_PABULIB_DIR"])
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "data" / "pabulib"
        if candidate.is_dir():
            return candidate
    return None


@pytest.fixture(scope="session")
def shared_pb() -> Callable[[str], Election]:
    """``shared_pb("Poland_Warszawa_2017_Mlynow.pb")``: a shared file, parsed once; the test
    is skipped (not failed) on a checkout without the shared data directory."""
    directory = shared_pabulib()
    if directory is None:
        pytest.skip("shared/data/pabulib is not beside this repository (see conftest.py)")
    return cache(lambda name: read_pb(directory / name))


@pytest.fixture
def winner(session, budgets_make_budget, budgets_make_project):
    """A selected project of a new budget, among the winners of a published outcome."""
    budget = budgets_make_budget()
    project = budgets_make_project(budget, title="Footbridge", selection=SELECTED)
    session.add(
        Outcome(
            budget_id=budget.id,
            rule="greedy",
            engine="test",
            parameters={},
            ballots_digest="x",
            ballots_count=0,
            summary={"winners": [project.id], "scores": {}, "votes": {}},
            certificate={},
            published_at=project.created_at,
        )
    )
    session.commit()
    return project


@pytest.fixture
def admin(budgets_client, make_user):
    """An administrator, signed in on ``budgets_client``."""
    user = make_user(roles=["admin"])
    budgets_client.sign_in(user)
    return user


@pytest.fixture
def budget_form() -> Callable[..., dict[str, str]]:
    """``budget_form(amount="2000", ...)``: the admin's "new budget" form, filled, with changes."""

    def filled(**changes: str) -> dict[str, str]:
        data = {
            "title.fr": "Budget jeunes",
            "title.en": "Youth budget",
            "amount": "300 000",
            "currency": "EUR",
            "vote_type": "approval",
            "max_total": "300000",
            "rule": "greedy",
            "seed": "pnyx",
            "position": "0",
        }
        return {**data, **changes}

    return filled
