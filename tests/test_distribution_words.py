"""A distribution's interface words are translated (docs/distributions.md, "Words").

A distribution ships no catalogue: the interface words of its theme's templates
(``{{ _("...") }}``) must be ones the core's or its plugins' catalogues translate, in French and
Corsican; its own sentences are content, marked with their language (``<p lang="fr">``), and its
Python code (the seed) writes content only, never interface strings.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from pnyx.distributions import get_distribution, installed_distributions
from pnyx.i18n import CORE_TRANSLATIONS, chained_translations
from pnyx.plugin_system import installed_entry_points
from pnyx.testing.translations import KEYWORDS, METHODS

LOCALES = ("fr", "co")


def words(folder: Path) -> list[tuple[str, int, str]]:
    """``(file, line, msgid)`` of every interface string under ``folder``."""
    found = []
    for filename, line, message, _comments, _context in extract_from_dir(
        folder, METHODS, keywords=KEYWORDS
    ):
        for msgid in message if isinstance(message, tuple) else (message,):
            found.append((filename, line, msgid))
    return found


def catalogue_folders(plugins: tuple[str, ...]) -> list[str]:
    entry_points = installed_entry_points()
    folders = [str(CORE_TRANSLATIONS)]
    for name in plugins:
        module = entry_points[name].module.split(".")[0]
        package = Path(__import__(module).__file__).parent
        folders.append(str(package / "translations"))
    return folders


@pytest.mark.parametrize("name", sorted(installed_distributions()))
def test_theme_words_are_translated_by_the_catalogues_loaded(name: str) -> None:
    distribution = get_distribution(name)
    package = Path(__import__(f"pnyx_dist_{name}").__file__).parent
    folders = catalogue_folders(distribution.plugins)
    missing = []
    for filename, line, msgid in words(package):
        for locale in LOCALES:
            chain = chained_translations(folders, locale, frozenset({"fr"}))
            if chain.gettext(msgid) == msgid:
                missing.append(f"{filename}:{line} {msgid!r} has no {locale} translation")
    assert not missing, (
        f"distribution {name} uses interface strings no loaded catalogue translates "
        "(reuse the core's or a plugin's words, or mark content with its language): "
        + "; ".join(missing)
    )
