"""Every package writes numbers, amounts and percentages through the core's helpers
(``pnyx.api.format_*`` and the ``numberformat`` / ``currencyformat`` / ``percentformat``
filters), so they follow the reader's locale (French conventions for Corsican) and never break
over two lines. Babel called directly uses the root's ``€ 1,100,000.00`` for Corsican; a
percentage written by hand (``{{ x|round(1) }} %``) is English-formatted on a French page."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "core/src/pnyx", *ROOT.glob("plugins/*/src"), *ROOT.glob("examples/*/src")]
#: Babel's number formatting called without the core's helper (the core's i18n module is it).
DIRECT_BABEL = re.compile(
    r"from (flask_babel|babel\.numbers|babel) import [^\n]*\bformat_(currency|decimal|number|"
    r"percent|compact_decimal|compact_currency)\b|\bnumbers\.format_"
)
#: A number rounded or followed by a percent sign by hand in a template.
HAND_FORMATTED = re.compile(
    r"\}\}[ \t\u00a0]*%|\|round(\(\d*\))?(\|(int|float))?\s*\}\}|\"%\.\d+f\"|\{:[.,]\d*f?\}"
)


def python_files() -> list[Path]:
    found = [path for source in SOURCES for path in source.rglob("*.py")]
    return [path for path in found if path.name != "i18n.py" or path.parent.name != "pnyx"]


def templates() -> list[Path]:
    return [
        path
        for source in SOURCES
        for pattern in ("*.html", "*.txt")
        for path in source.rglob(pattern)
    ]


def test_the_walk_finds_every_package() -> None:
    names = {path.relative_to(ROOT).parts[1] for path in python_files()}
    assert {"src", "budgets", "meetings", "proposals", "hello_component"} <= names


def test_no_package_formats_numbers_with_babel_directly() -> None:
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in python_files()
        for match in DIRECT_BABEL.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "use pnyx.api.format_currency, format_number, format_percent ..."


def test_no_template_formats_a_number_by_hand() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in templates()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if HAND_FORMATTED.search(line)
    ]
    assert found == [], "use |percentformat(digits=1), |numberformat, |currencyformat"


def test_the_walk_sees_hand_formatting() -> None:
    assert HAND_FORMATTED.search("<dd>{{ (share * 100)|float|round(1) }} %</dd>")
    assert HAND_FORMATTED.search("{{ (100 * count / total)|round(1) }}</td>")
    assert not HAND_FORMATTED.search("{{ share|percentformat(digits=1) }}{% if x %}")
    assert DIRECT_BABEL.search("from flask_babel import format_currency")
    assert not DIRECT_BABEL.search("from flask_babel import format_date")
