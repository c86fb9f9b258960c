"""docs/distributions.md shows the real files of the touraine distribution.

A code block right after ``<!-- file: PATH -->`` must equal the whole file; one after
``<!-- excerpt: PATH -->`` must appear in it, verbatim. PATH is relative to the repository.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "distributions.md"
SHOWN = re.compile(r"<!-- (file|excerpt): (\S+) -->\n```[\w-]*\n(.*?)^```$", re.S | re.M)


def shown_code() -> list[tuple[str, str, str]]:
    return SHOWN.findall(DOC.read_text())


def test_the_doc_shows_the_real_code() -> None:
    shown = shown_code()
    assert len(shown) >= 6
    for kind, path, code in shown:
        real = (ROOT / path).read_text()
        if kind == "file":
            assert code == real, f"docs/distributions.md shows an outdated {path}"
        else:
            assert code in real, f"docs/distributions.md shows an excerpt that is not in {path}"


def test_the_doc_shows_the_distribution_and_its_package() -> None:
    files = {path for kind, path, _code in shown_code() if kind == "file"}
    touraine = "examples/distributions/touraine"
    expected = {
        f"{touraine}/pyproject.toml",
        f"{touraine}/src/pnyx_dist_touraine/__init__.py",
        f"{touraine}/tests/conftest.py",
    }
    assert expected <= files, f"not shown in docs/distributions.md: {sorted(expected - files)}"


def test_every_distribution_in_the_repository_is_named_in_the_doc() -> None:
    text = DOC.read_text()
    for folder in sorted((ROOT / "examples" / "distributions").iterdir()):
        if (folder / "pyproject.toml").is_file():
            assert f"`{folder.name}`" in text, f"docs/distributions.md does not name {folder.name}"
