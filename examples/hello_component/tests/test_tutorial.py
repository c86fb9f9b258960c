"""docs/tutorial.md shows this plugin's real code.

A code block right after ``<!-- file: PATH -->`` must equal the whole file; one
after ``<!-- excerpt: PATH -->`` must appear in it, verbatim. PATH is relative
to ``examples/hello_component/``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[1]
TUTORIAL = EXAMPLE.parents[1] / "docs" / "tutorial.md"
SHOWN = re.compile(r"<!-- (file|excerpt): (\S+) -->\n```[\w-]*\n(.*?)^```$", re.S | re.M)


def shown_code() -> list[tuple[str, str, str]]:
    if not TUTORIAL.exists():  # installed outside the Pnyx repository
        pytest.skip("docs/tutorial.md is not here")
    return SHOWN.findall(TUTORIAL.read_text())


def test_tutorial_shows_the_real_code() -> None:
    shown = shown_code()
    assert len(shown) >= 10
    for kind, path, code in shown:
        real = (EXAMPLE / path).read_text()
        if kind == "file":
            assert code == real, f"docs/tutorial.md shows an outdated {path}"
        else:
            assert code in real, f"docs/tutorial.md shows an excerpt that is not in {path}"


def test_tutorial_shows_every_file_of_the_plugin() -> None:
    files = {path for kind, path, _code in shown_code() if kind == "file"}
    plugin = {
        str(path.relative_to(EXAMPLE))
        for path in (EXAMPLE / "src").rglob("*")
        if path.suffix in {".py", ".html"} and "__pycache__" not in path.parts
    }
    plugin |= {"pyproject.toml", "tests/conftest.py", "tests/test_contract.py"}
    assert plugin <= files, f"not shown in docs/tutorial.md: {sorted(plugin - files)}"
