"""The French catalogue covers every string of the code and templates, and is compiled.

The outcome engine (``outcomes/``) speaks to developers and the command line in English;
its strings are not marked for translation.
"""

from __future__ import annotations

from pathlib import Path

from pnyx.testing.translations import catalogue_problems, source_ids

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "pnyx_budgets"


def test_french_is_complete_and_compiled() -> None:
    assert len(source_ids(PACKAGE)) > 200
    assert catalogue_problems(PACKAGE, "fr") == []
