"""Every count goes through ngettext, so that "1 project" and "2 projects" (and the three
forms of other languages) read right: "Choisissez au moins 1 projets" and "1 espaces" came
from counts written into a singular string or next to a plural word.

The walk extracts the strings of every package (as ``scripts/update_catalogues.py`` does) and
reads every template. A count is a ``%(name)d`` placeholder or one named like a count
(``num``, ``count``, ``*_count``); :data:`NOT_COUNTS` are numbers that are not counts.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir

from pnyx.testing.translations import KEYWORDS, METHODS, SKIPPED

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = [ROOT / "core/src/pnyx", *ROOT.glob("plugins/*/src/pnyx_*")]
PACKAGES += ROOT.glob("examples/*/src/pnyx_*")
#: Numbers that count nothing: a line or an item's position ("Line 3"), a size with a unit
#: symbol that never inflects ("512 KB"), the bounds of a value ("between 1 and 5").
NOT_COUNTS = {"line", "number", "size", "low", "high"}
#: Numbers a plural string may hold besides ``num`` because they share its noun: "between
#: %(min)d and %(num)d characters", "at most %(num)d characters; yours has %(length)d", "points
#: given: %(given)d of %(num)d".
SHARE_THE_NOUN = {"min", "length", "given"}
PLACEHOLDER = re.compile(r"%\((\w+)\)([sd])|\{(\w+)\}")
COUNT_NAMES = re.compile(r"num|count|n|\w+_count|count_\w+")
#: A number shown next to a translated word: ``{{ counts.spaces }} {{ _("spaces") }}``.
COUNT_BESIDE_WORD = re.compile(
    r"\{\{(?!\s*(_|n?gettext)\()[^{}]*(count|\|length|numberformat)[^{}]*\}\}"
    r"(\s*</?\w+[^>]*>)*\s*\{\{\s*_\("
)


def counts_in(text: str) -> list[str]:
    found = []
    for match in PLACEHOLDER.finditer(text):
        name = match.group(1) or match.group(3)
        is_count = match.group(2) == "d" or COUNT_NAMES.fullmatch(name)
        if is_count and name not in NOT_COUNTS:
            found.append(name)
    return found


def problems_in(message: str | tuple[str, ...]) -> list[str]:
    """A count in a singular string; in a plural one, a count other than the one the plural
    follows (``num``): its own ngettext must say it."""
    if isinstance(message, str):
        return [f"{message!r}: {name} outside ngettext" for name in counts_in(message)]
    named = {name for text in message if text for name in counts_in(text)}
    others = sorted(named - {"num"} - SHARE_THE_NOUN)
    return [f"{message[0]!r}: {name} has no plural of its own" for name in others]


def extracted() -> list[tuple[str, str | tuple[str, ...]]]:
    found = []
    for package in PACKAGES:
        messages = extract_from_dir(
            package,
            METHODS,
            keywords=KEYWORDS,
            directory_filter=lambda path: Path(path).name not in SKIPPED,
        )
        found += [(f"{package.name}/{file}:{line}", msg) for file, line, msg, *_ in messages]
    return found


def test_the_walk_reads_every_package() -> None:
    names = {place.split("/")[0] for place, _message in extracted()}
    assert {"pnyx", "pnyx_budgets", "pnyx_meetings", "pnyx_proposals", "pnyx_hello"} <= names


def test_every_count_goes_through_ngettext() -> None:
    found = [f"{place}: {p}" for place, message in extracted() for p in problems_in(message)]
    assert found == [], "\n".join(found)


def test_no_template_writes_a_number_beside_a_translated_word() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for package in PACKAGES
        for path in package.rglob("templates/**/*.*")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if COUNT_BESIDE_WORD.search(line)
    ]
    assert found == []


def test_the_walk_sees_each_kind_of_count() -> None:
    assert problems_in("Choose at least %(num)d projects.")
    assert problems_in("The census holds %(count)s people.")
    assert problems_in(("Choose at least %(minimum)d projects: add %(num)d more.", "..."))
    assert not problems_in(("%(num)d project", "%(num)d projects"))
    assert not problems_in("Line %(line)d: %(message)s")
    assert COUNT_BESIDE_WORD.search('<strong>{{ counts.spaces }}</strong> {{ _("spaces") }}')
    assert not COUNT_BESIDE_WORD.search('<th>{{ _("New account") }}</th><th>{{ _("Account") }}')
