"""``scripts/update_catalogues.py`` (``make messages``), run on a small repository of its own:
it extracts what the checks expect, keeps translations, changes nothing twice, touches only
the packages it is given, and never compiles a missing translation as English."""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po, write_po

from pnyx.testing.translations import catalogue_problems, source_ids

SCRIPT = Path(__file__).resolve().parents[1] / "scripts/update_catalogues.py"

PAGE = """{{ _("Welcome") }}
{{ ngettext("%(num)d idea", "%(num)d ideas", count) }}
"""
MAIL = '{{ _("Hello %(name)s,", name=name) }}\n'
CODE = """from pnyx import api
from flask_babel import lazy_gettext as _l

LABEL = _l("Idea box")

def flash_saved():
    return api._("Your idea is saved.")
"""
TESTING = 'from flask_babel import gettext\nNOT_A_STRING = gettext("Only for tests")\n'


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_catalogues", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_package(folder: Path, code: str = CODE) -> Path:
    (folder / "templates/ideas/mail").mkdir(parents=True)
    (folder / "testing").mkdir()
    (folder / "templates/ideas/page.html").write_text(PAGE)
    (folder / "templates/ideas/mail/saved.txt").write_text(MAIL)
    (folder / "views.py").write_text(code)
    (folder / "testing/factories.py").write_text(TESTING)
    return folder


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A repository with a core and two plugins (``ideas``, ``other``)."""
    write_package(tmp_path / "core/src/pnyx")
    write_package(tmp_path / "plugins/ideas/src/pnyx_ideas")
    write_package(tmp_path / "plugins/other/src/pnyx_other")
    return tmp_path


def po(package: Path, locale: str = "fr") -> Path:
    return package / "translations" / locale / "LC_MESSAGES/messages.po"


def translate(path: Path, translations: dict[str, str | tuple[str, ...]]) -> None:
    with path.open("rb") as file:
        catalogue = read_po(file)
    for msgid, text in translations.items():
        catalogue[msgid].string = text
    with path.open("wb") as file:
        write_po(file, catalogue, width=100, include_lineno=False)


def test_extracts_pages_mails_and_code_but_not_test_helpers(script, repository) -> None:
    ideas = repository / "plugins/ideas/src/pnyx_ideas"
    assert script.main(["--package", "ideas"], root=repository) == 0
    with po(ideas).open("rb") as file:
        catalogue = read_po(file)
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id}
    assert ids == {"Welcome", "%(num)d idea", "Hello %(name)s,", "Idea box", "Your idea is saved."}
    assert ids == source_ids(ideas)  # what the checks expect
    locations = [line for line in po(ideas).read_text().splitlines() if line.startswith("#:")]
    assert "#: templates/ideas/page.html" in locations  # locations without line numbers
    assert not [line for line in locations if re.search(r":\d", line)]
    assert catalogue_problems(ideas, "fr", complete=False) == []
    assert catalogue_problems(ideas, "fr")[0].startswith("fr: untranslated")


def test_a_second_run_changes_nothing_and_keeps_translations(script, repository) -> None:
    core = repository / "core/src/pnyx"
    script.main(["--package", "core", "--locale", "fr", "--locale", "co"], root=repository)
    translate(
        po(core),
        {"Welcome": "Bienvenue", "%(num)d idea": ("%(num)d idée",) * 2 + ("%(num)d idées",)},
    )
    script.main(["--package", "core", "--compile-only"], root=repository)
    before = {path: path.read_bytes() for path in (core / "translations").rglob("messages.*")}
    script.main(["--package", "core"], root=repository)
    after = {path: path.read_bytes() for path in (core / "translations").rglob("messages.*")}
    assert after == before and len(after) == 4  # fr and co, .po and .mo


def test_changed_strings_become_fuzzy_and_removed_ones_go(script, repository) -> None:
    ideas = repository / "plugins/ideas/src/pnyx_ideas"
    script.main(["--package", "ideas"], root=repository)
    translate(
        po(ideas), {"Your idea is saved.": "Votre idée est enregistrée.", "Idea box": "Boîte"}
    )
    changed = CODE.replace("Your idea is saved.", "Your idea is saved!").replace(
        'LABEL = _l("Idea box")', ""
    )
    (ideas / "views.py").write_text(changed)
    script.main(["--package", "ideas"], root=repository)
    with po(ideas).open("rb") as file:
        catalogue = read_po(file)
    assert "Idea box" not in catalogue
    guess = catalogue["Your idea is saved!"]
    assert guess.fuzzy and guess.string == "Votre idée est enregistrée."
    assert any("fuzzy" in problem for problem in catalogue_problems(ideas, "fr", complete=False))


def test_only_the_named_packages_are_touched(script, repository) -> None:
    other = repository / "plugins/other/src/pnyx_other"
    script.main(["--package", "other"], root=repository)
    translate(po(other), {"Welcome": "Bienvenue"})  # a plugin author's work, not compiled yet
    files = {path: path.read_bytes() for path in (other / "translations").rglob("messages.*")}
    script.main(["--package", "core", "--package", "ideas"], root=repository)
    assert {path: path.read_bytes() for path in files} == files
    assert po(repository / "plugins/ideas/src/pnyx_ideas").exists()


def test_an_unknown_package_is_refused(script, repository) -> None:
    with pytest.raises(SystemExit, match="unknown package"):
        script.main(["--package", "nowhere"], root=repository)


def test_untranslated_plurals_are_not_compiled_as_english(script, repository) -> None:
    core = repository / "core/src/pnyx"
    script.main(["--package", "core", "--locale", "co"], root=repository)
    translate(po(core, "co"), {"Welcome": "Benvenuti"})
    script.main(["--package", "core", "--compile-only"], root=repository)
    with po(core, "co").with_suffix(".mo").open("rb") as file:
        compiled = {m.id for m in read_mo(file) if m.id}
    assert compiled == {"Welcome"}  # "%(num)d idea" is left to the fallback language
    assert catalogue_problems(core, "co", complete=False) == []


def test_the_real_script_runs_on_the_core_alone(tmp_path: Path) -> None:
    """The repository's own core catalogues are current: updating them changes nothing."""
    copy = tmp_path / "core/src/pnyx"
    shutil.copytree(SCRIPT.parents[1] / "core/src/pnyx", copy)
    before = {p: p.read_bytes() for p in (copy / "translations").rglob("messages.*")}
    spec = importlib.util.spec_from_file_location("update_catalogues_real", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(["--package", "core"], root=tmp_path)
    after = {p: p.read_bytes() for p in (copy / "translations").rglob("messages.*")}
    assert after == before


def test_typography_is_french_in_french_and_corsican(script, repository) -> None:
    ideas = repository / "plugins/ideas/src/pnyx_ideas"
    (repository / "plugins/ideas/src/pnyx_ideas.egg-info").mkdir()  # made by pip install -e
    assert script.main(["--package", "ideas", "--locale", "fr", "--locale", "co"], repository) == 0
    assert not (repository / "plugins/ideas/src/pnyx_ideas.egg-info/translations").exists()
    for locale in ("fr", "co"):
        typed = "Idée d'aujourd'hui enregistrée ! Merci : à 18:30, 70 €, 'x'"
        translate(po(ideas, locale), {"Your idea is saved.": typed})
        assert script.main(["--package", "ideas", "--compile-only"], repository) == 0
        with po(ideas, locale).open("rb") as file:
            written = read_po(file)["Your idea is saved."].string
        assert written == (
            "Idée d’aujourd’hui enregistrée\u202f! Merci\u202f: à 18:30, 70\u00a0€, 'x'"
        )
        assert catalogue_problems(ideas, locale, complete=False) == []
        translate(po(ideas, locale), {"Your idea is saved.": "Idée enregistrée : merci"})
        assert "narrow no-break space" in " ".join(
            catalogue_problems(ideas, locale, complete=False)
        )
        # French catalogues had "l'organisation", against the style guide.
        translate(po(ideas, locale), {"Your idea is saved.": "Idée de l'organisation"})
        assert "typographic (’)" in " ".join(catalogue_problems(ideas, locale, complete=False))
