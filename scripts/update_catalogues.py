"""Extract interface strings and update catalogues (``make messages``).

For each chosen package (default: the core, every plugin and every example):
extract the strings from Python code and templates (``.html`` pages and
``.txt`` e-mails), update ``translations/<locale>/LC_MESSAGES/messages.po``
for every locale the package already has (French is created when missing),
then compile the ``.mo`` files. Translators then fill the new entries; the
tests (``tests/test_catalogues.py``) fail while a French entry is missing, an
entry is fuzzy or stale, or a compiled file is out of date.

Running it twice changes nothing: the creation date is kept and locations are
written without line numbers, so a catalogue only changes when strings do.

    .venv/bin/python scripts/update_catalogues.py                  # every package
    .venv/bin/python scripts/update_catalogues.py --package core   # the core only
    .venv/bin/python scripts/update_catalogues.py --package core --locale co
    .venv/bin/python scripts/update_catalogues.py --package core --compile-only
"""

from __future__ import annotations

import argparse
import copy
import sys
from collections.abc import Sequence
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from pnyx.testing.translations import (
    FRENCH_TYPOGRAPHY,
    KEYWORDS,
    METHODS,
    SKIPPED,
    is_translated,
    with_french_spacing,
)

ROOT = Path(__file__).resolve().parents[1]
#: Every package gets these catalogues, created empty when missing.
REQUIRED_LOCALES = ("fr", "co")
#: Width of the written .po files (the repository's line length).
PO_WIDTH = 100


def packages(root: Path = ROOT) -> dict[str, Path]:
    """Every package with interface strings, by short name: ``core``, ``meetings``, ``hello``."""
    found = {"core": root / "core/src/pnyx"}
    for pattern in ("plugins/*/src/pnyx_*", "examples/*/src/pnyx_*"):
        for path in sorted(root.glob(pattern)):
            if path.is_dir() and path.suffix != ".egg-info":  # not what pip install -e made
                found[path.name.removeprefix("pnyx_")] = path
    return found


def template_catalogue(package: Path) -> Catalog:
    """The package's strings as they are in its code today (a .pot in memory)."""
    catalogue = Catalog(project=package.name, charset="utf-8")
    extracted = extract_from_dir(
        package,
        METHODS,
        keywords=KEYWORDS,
        directory_filter=lambda path: Path(path).name not in SKIPPED,
    )
    for filename, lineno, message, comments, context in extracted:
        catalogue.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalogue


def new_catalogue(package: Path, locale: str) -> Catalog:
    """An empty catalogue with a header that says what it is (not Babel's placeholders)."""
    language = Locale.parse(locale).get_display_name("en")
    return Catalog(
        locale=locale,
        project=package.name,
        version="",
        copyright_holder="the Pnyx contributors",
        msgid_bugs_address="",
        last_translator="",
        language_team=f"{language} <{locale}>",
        charset="utf-8",
        fuzzy=False,
        header_comment=(
            f"# {language} interface strings of {package.name}.\n"
            "# Distributed under the same licence as Pnyx (AGPL-3.0-or-later).\n"
            "# How to update and translate: docs/translations.md"
        ),
    )


def po_path(package: Path, locale: str) -> Path:
    return package / "translations" / locale / "LC_MESSAGES" / "messages.po"


def read_catalogue(path: Path, locale: str) -> Catalog:
    with path.open("rb") as po:
        return read_po(po, locale=locale)


def update_locale(package: Path, locale: str, template: Catalog) -> None:
    """Bring one locale's .po in line with ``template`` (keeping translations), then compile."""
    path = po_path(package, locale)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        catalogue = read_catalogue(path, locale)
        catalogue.update(template, update_creation_date=False)
    else:
        catalogue = new_catalogue(package, locale)
        catalogue.update(template)
    # A string no longer in the code has no reader; a changed one is kept as a
    # fuzzy guess (above) for the translator to review.
    catalogue.obsolete.clear()
    apply_typography(catalogue, locale)
    with path.open("wb") as po:
        write_po(po, catalogue, width=PO_WIDTH, include_lineno=False)
    compile_locale(package, locale, catalogue)


def apply_typography(catalogue: Catalog, locale: str) -> bool:
    """French typography in French and Corsican translations (a narrow no-break space
    before ``: ; ! ?``, typographic apostrophes): translators may type a plain space and
    ``'``. True when something changed."""
    if locale not in FRENCH_TYPOGRAPHY:
        return False
    changed = False
    for message in catalogue:
        if message.id and message.string:
            spaced = with_french_spacing(message)
            changed |= spaced != message.string
            message.string = spaced
    return changed


def compile_locale(package: Path, locale: str, catalogue: Catalog | None = None) -> None:
    """Write the .mo file with the translated entries only.

    Fuzzy entries are left out (a guess is not a translation), and so are
    untranslated plurals, which Babel would otherwise compile as the English
    msgids: leaving them out lets the reader's fallback language answer (see
    ``pnyx.i18n.FALLBACK_LOCALES``).
    """
    path = po_path(package, locale)
    if catalogue is None:
        catalogue = read_catalogue(path, locale)
        if apply_typography(catalogue, locale):  # a .po edited by hand
            with path.open("wb") as po:
                write_po(po, catalogue, width=PO_WIDTH, include_lineno=False)
    compiled = copy.deepcopy(catalogue)
    for message in list(compiled):
        if message.id and (message.fuzzy or not is_translated(message)):
            compiled.delete(message.id, message.context)
    with path.with_suffix(".mo").open("wb") as mo:
        write_mo(mo, compiled, use_fuzzy=False)


def existing_locales(package: Path) -> set[str]:
    folder = package / "translations"
    if not folder.exists():
        return set()
    return {p.name for p in folder.iterdir() if (p / "LC_MESSAGES").is_dir()}


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--package",
        action="append",
        metavar="NAME",
        help="only this package: core, or a plugin's name (repeatable; default: all)",
    )
    parser.add_argument(
        "--locale",
        action="append",
        metavar="CODE",
        help="only this locale, created when missing (repeatable; default: the existing ones)",
    )
    parser.add_argument(
        "--compile-only", action="store_true", help="only compile .po files into .mo files"
    )
    return parser.parse_args(argv)


def chosen_packages(names: list[str] | None, root: Path = ROOT) -> dict[str, Path]:
    every = packages(root)
    unknown = sorted(set(names or ()) - set(every))
    if unknown:
        raise SystemExit(f"unknown package(s) {unknown}; choose among {sorted(every)}")
    return {name: path for name, path in every.items() if not names or name in names}


def main(argv: Sequence[str] = (), root: Path = ROOT) -> int:
    """Update (or only compile) the chosen packages' catalogues; ``root``: the repository."""
    arguments = parse_arguments(argv)
    for name, package in chosen_packages(arguments.package, root).items():
        locales = set(arguments.locale or existing_locales(package) | set(REQUIRED_LOCALES))
        if arguments.compile_only:
            for locale in sorted(locales & existing_locales(package)):
                compile_locale(package, locale)
            print(f"{name}: compiled {sorted(locales & existing_locales(package))}")
            continue
        template = template_catalogue(package)
        for locale in sorted(locales):
            update_locale(package, locale, template)
        print(f"{name}: {len(template)} strings, locales {sorted(locales)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
