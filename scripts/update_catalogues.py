"""Extract interface strings and update every package's catalogues (``make messages``).

For the core and each plugin: extract the strings from Python code and
templates, update ``translations/<locale>/LC_MESSAGES/messages.po`` for every
locale the package has (French is created when missing), then compile the
``.mo`` files. Translators then fill the new entries; the tests fail while a
French entry is missing or a compiled file is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from pnyx.testing.translations import KEYWORDS, METHODS, SKIPPED

ROOT = Path(__file__).resolve().parents[1]
REQUIRED_LOCALES = ("fr",)


def packages() -> list[Path]:
    found = [ROOT / "core/src/pnyx"]
    found += sorted(p for p in ROOT.glob("plugins/*/src/pnyx_*") if p.is_dir())
    found += sorted(p for p in ROOT.glob("examples/*/src/pnyx_*") if p.is_dir())
    return found


def template_catalogue(package: Path) -> Catalog:
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


def update_locale(package: Path, locale: str, template: Catalog) -> None:
    folder = package / "translations" / locale / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    po_path = folder / "messages.po"
    if po_path.exists():
        with po_path.open("rb") as po:
            catalogue = read_po(po, locale=locale)
        catalogue.update(template, update_header_comment=False)
    else:
        catalogue = Catalog(locale=locale, project=package.name, charset="utf-8")
        catalogue.update(template)
    catalogue.obsolete.clear()
    with po_path.open("wb") as po:
        write_po(po, catalogue, width=100, omit_header=False, sort_output=False)
    with (folder / "messages.mo").open("wb") as mo:
        write_mo(mo, catalogue, use_fuzzy=False)


def main() -> int:
    for package in packages():
        template = template_catalogue(package)
        folder = package / "translations"
        locales = {p.name for p in folder.iterdir() if p.is_dir()} if folder.exists() else set()
        for locale in sorted(locales | set(REQUIRED_LOCALES)):
            update_locale(package, locale, template)
        print(f"{package.relative_to(ROOT)}: {len(template)} strings, locales {sorted(locales)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
