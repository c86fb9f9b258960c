"""The French catalogue covers every string of the code and templates, and is compiled."""

from __future__ import annotations

from pathlib import Path

from pnyx.testing.translations import catalogue_problems

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "pnyx_budgets"


def test_french_catalogue_is_complete_and_compiled() -> None:
    assert catalogue_problems(PACKAGE, "fr") == []
