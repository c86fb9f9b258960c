"""Interface catalogues (DESIGN.md §7, docs/translations.md): French and Corsican are complete,
compiled and current in the core and in every plugin and example; the core's English
catalogue exists and is compiled."""

from __future__ import annotations

from pathlib import Path

import pytest

from pnyx import create_app
from pnyx.testing.translations import catalogue_problems

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "core/src/pnyx"
#: Every package speaks these languages completely (Corsican: Smart Isula, issue 10).
COMPLETE_LOCALES = ("fr", "co")


def packages() -> list[Path]:
    """The core, then every plugin and example (not the ``.egg-info`` of an install)."""
    found = [CORE, *sorted(ROOT.glob("plugins/*/src/pnyx_*")), *ROOT.glob("examples/*/src/pnyx_*")]
    return [package for package in found if package.is_dir() and package.suffix != ".egg-info"]


@pytest.mark.parametrize("locale", COMPLETE_LOCALES)
@pytest.mark.parametrize("package", packages(), ids=lambda package: package.name)
def test_catalogue_is_complete_compiled_and_current(package: Path, locale: str) -> None:
    assert (package / "translations" / locale).is_dir(), f"run `make messages` for {package}"
    assert catalogue_problems(package, locale) == []


def test_every_package_is_checked() -> None:
    names = {package.name for package in packages()}
    assert {"pnyx", "pnyx_hello", "pnyx_meetings", "pnyx_budgets", "pnyx_proposals"} <= names


def test_the_core_english_catalogue_is_compiled() -> None:
    # Untranslated English entries fall back to the msgid, which is English.
    assert catalogue_problems(CORE, "en", complete=False) == []


def test_english_french_and_corsican_are_real_locales(tmp_path: Path) -> None:
    app = create_app({"INSTANCE_PATH": str(tmp_path), "DATABASE_URL": "sqlite://"})
    with app.app_context():
        locales = {str(locale) for locale in app.extensions["babel"].instance.list_translations()}
    assert {"fr", "en", "co"} <= locales
