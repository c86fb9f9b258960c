"""``pnyx plugins new NAME``: a standalone plugin distribution that passes its tests at once.

The files are in ``files/`` with ``@@name@@`` (the plugin's name), ``@@Title@@``
and ``@@dist@@`` (the distribution's name) where they differ from one plugin to
the next, in their contents and their paths; ``.tmpl`` keeps them away from
the tools that read Python. The catalogues (French, English, Corsican, each with
its language's plural rule) are extracted from the new code and compiled here,
with the French of the scaffold's own strings, so the plugin starts complete.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from pnyx.testing.translations import KEYWORDS, METHODS, SKIPPED, french_spacing

FILES = Path(__file__).parent / "files"
NAME = re.compile(r"[a-z][a-z0-9_]{1,30}")
LOCALES = ("fr", "en", "co")

#: The French of the scaffold's strings (the title is kept as it is).
FRENCH: dict[str, str | tuple[str, ...]] = {
    "Short items that residents add and read.": "De courts éléments que les habitants ajoutent "
    "et lisent.",
    "Add an item": "Ajouter un élément",
    "Maximum length of an item (characters)": "Longueur maximale d’un élément (en caractères)",
    "Adding enabled": "Ajout ouvert",
    "Your item is added.": "Votre élément est ajouté.",
    "Write something first.": "Écrivez d’abord quelque chose.",
    "An item has at most %(num)d character; yours has %(length)d.": (
        "Un élément compte au plus %(num)d caractère ; le vôtre en compte %(length)d.",
        "Un élément compte au plus %(num)d caractères ; le vôtre en compte %(length)d.",
    ),
    "Some answers need to be corrected": "Certaines réponses sont à corriger",
    "%(field)s: %(message)s": "%(field)s : %(message)s",
    "Your item": "Votre élément",
    "At most %(num)d character.": ("Au plus %(num)d caractère.", "Au plus %(num)d caractères."),
    "Add": "Ajouter",
    "Items": "Éléments",
    "No item yet.": "Aucun élément pour l’instant.",
    "Pages of items": "Pages d’éléments",
}


class ScaffoldError(ValueError):
    """The plugin cannot be made (a bad name, a folder in the way)."""


def create_plugin(name: str, directory: Path) -> Path:
    """Write the distribution ``pnyx-<name>`` into ``directory``; return its folder."""
    if not NAME.fullmatch(name):
        raise ScaffoldError(
            f"'{name}' cannot name a plugin: use 2 to 31 lowercase letters, digits and "
            "underscores, starting with a letter (petitions, mutual_aid)."
        )
    dist = "pnyx-" + name.replace("_", "-")
    target = directory / dist
    if target.exists():
        raise ScaffoldError(f"{target} already exists: choose another name or folder.")
    words = {"@@name@@": name, "@@Title@@": name.replace("_", " ").capitalize(), "@@dist@@": dist}
    for source in sorted(FILES.rglob("*.tmpl")):
        relative = _fill(str(source.relative_to(FILES)), words).removesuffix(".tmpl")
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_fill(source.read_text(), words))
    package = target / "src" / f"pnyx_{name}"
    for locale in LOCALES:
        _write_catalogue(package, locale, words["@@Title@@"], dist)
    return target


def _fill(text: str, words: dict[str, str]) -> str:
    for token, value in words.items():
        text = text.replace(token, value)
    return text


def _write_catalogue(package: Path, locale: str, title: str, dist: str) -> None:
    catalogue = Catalog(locale=locale, project=dist, version="0.1.0")
    catalogue.fuzzy = False  # a fuzzy header would leave the plural rule out of the .mo
    found = extract_from_dir(
        package, METHODS, keywords=KEYWORDS, directory_filter=lambda p: Path(p).name not in SKIPPED
    )
    for _file, _line, message, *_rest in found:
        catalogue.add(message, _translation(message, locale, title, catalogue.num_plurals))
    folder = package / "translations" / locale / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.po").open("wb") as po:
        write_po(po, catalogue, width=100, include_lineno=False)
    with (folder / "messages.mo").open("wb") as mo:
        write_mo(mo, catalogue)


def _translation(
    message: str | tuple[str, ...], locale: str, title: str, forms: int
) -> str | tuple[str, ...]:
    """French for ``fr``; empty elsewhere (English is the msgid, Corsican falls back to French)."""
    key = message if isinstance(message, str) else message[0]
    plural = not isinstance(message, str)
    if locale != "fr":
        return ("",) * forms if plural else ""
    french = title if key == title else FRENCH.get(key, "")
    if plural and isinstance(french, tuple):
        return tuple(french_spacing(form) for form in (french[0], *[french[1]] * (forms - 1)))
    return french_spacing(french) if isinstance(french, str) else french
