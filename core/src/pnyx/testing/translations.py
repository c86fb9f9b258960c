"""Checks that a package's catalogue covers its strings and is compiled.

Used by the repository's tests for the core and every plugin; a third-party
plugin can call :func:`catalogue_problems` from its own tests.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

METHODS = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
#: The names code translates with: gettext, _, _l, ngettext, and the same through ``api.``.
KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "_": None,
    "_l": None,
    "gettext": None,
    "lazy_gettext": None,
    "ngettext": (1, 2),
}
KEYWORDS |= {f"api.{name}": spec for name, spec in KEYWORDS.items()}
#: Folders of a package that hold no interface strings.
SKIPPED = ("testing", "migrations", "tests")


def source_ids(package: Path) -> set[str]:
    """Every msgid used in the package's Python code and templates."""
    found = extract_from_dir(
        package,
        METHODS,
        keywords=KEYWORDS,
        directory_filter=lambda path: Path(path).name not in SKIPPED,
    )
    return {msg if isinstance(msg, str) else msg[0] for _file, _line, msg, *_ in found}


def read_catalogue(package: Path, locale: str) -> Catalog:
    with (package / "translations" / locale / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po)


def catalogue_problems(package: Path, locale: str, *, complete: bool = True) -> list[str]:
    """What is wrong with ``package``'s catalogue for ``locale`` (empty: nothing).

    ``complete=False`` accepts untranslated strings (a catalogue in progress,
    such as Corsican) but still requires it to be compiled and free of stale entries.
    """
    catalogue = read_catalogue(package, locale)
    source = source_ids(package)
    problems = []
    missing = sorted(i for i in source if i not in catalogue or not catalogue[i].string)
    if complete and missing:
        problems.append(f"{locale}: untranslated: {missing}")
    stale = sorted(_first(m.id) for m in catalogue if m.id and _first(m.id) not in source)
    if stale:
        problems.append(f"{locale}: no longer used (run `make messages`): {stale}")
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    if fuzzy:
        problems.append(f"{locale}: fuzzy entries to review: {fuzzy}")
    if not _compiled_matches(package, locale, catalogue):
        problems.append(f"{locale}: messages.mo is out of date (run `make translations`)")
    return problems


def _compiled_matches(package: Path, locale: str, catalogue: Catalog) -> bool:
    path = package / "translations" / locale / "LC_MESSAGES" / "messages.mo"
    if not path.exists():
        return False
    with path.open("rb") as mo:
        compiled = {_key(m.id): _key(m.string) for m in read_mo(mo) if m.id and m.string}
    source = {_key(m.id): _key(m.string) for m in catalogue if m.id and m.string and not m.fuzzy}
    return compiled == source


def _first(msgid: str | tuple[str, ...]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _key(value: str | list[str] | tuple[str, ...]) -> str | tuple[str, ...]:
    # Plural entries are tuples in a .po file and lists in a .mo file.
    return value if isinstance(value, str) else tuple(value)
