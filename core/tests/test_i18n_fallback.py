"""Every package's catalogue answers for a language, and Corsican falls back to French, not to
English."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask_babel import force_locale, gettext, ngettext

from pnyx.i18n import FALLBACK_LOCALES, chained_translations


@pytest.fixture
def pnyx_plugins() -> list[str]:
    """The tutorial's plugin: its own catalogue (French only) merges with the core's."""
    return ["hello"]


@pytest.fixture
def ctx(app, session, make_organization):
    make_organization(default_locale="fr", available_locales=["fr", "en", "co"])
    with app.test_request_context("/"):
        yield


def test_corsican_falls_back_to_french() -> None:
    assert FALLBACK_LOCALES["co"] == "fr"


def test_a_missing_string_comes_from_the_fallback_language(tmp_path: Path) -> None:
    # Every shipped catalogue is complete in Corsican: the fallback is shown on catalogues
    # made for the test, the way a plugin without Corsican (or a new string) would be read.
    folder = compiled_catalogue(
        tmp_path / "plugin",
        "nplurals=2; plural=(n > 1);",
        'msgid "Sign in"\nmsgstr "Se connecter"\n\nmsgid "Dashboard"\nmsgstr "Tableau de bord"\n'
        'msgid "%(num)d sub-term"\nmsgid_plural "%(num)d sub-terms"\n'
        'msgstr[0] "%(num)d sous-élément"\nmsgstr[1] "%(num)d sous-éléments"\n',
    )
    compiled_catalogue(
        tmp_path / "plugin",
        "nplurals=2; plural=(n != 1);",
        'msgid "Sign in"\nmsgstr "Cunnettesi"\n',
        locale="co",
    )
    corsican, french = chained_translations([folder], "co"), chained_translations([folder], "fr")
    english = chained_translations([folder], "en")
    assert [corsican.gettext("Sign in"), corsican.gettext("Dashboard")] == [
        "Cunnettesi",
        "Tableau de bord",
    ]
    assert french.gettext("Dashboard") == "Tableau de bord"
    assert english.gettext("Dashboard") == "Dashboard"
    # Plurals too: the French plural, chosen by French rules (0 and 1 are singular).
    assert corsican.ngettext("%(num)d sub-term", "%(num)d sub-terms", 0) == "%(num)d sous-élément"
    assert corsican.ngettext("%(num)d sub-term", "%(num)d sub-terms", 3) == "%(num)d sous-éléments"


def test_corsican_is_read_from_every_catalogue(ctx) -> None:
    with force_locale("co"):
        assert gettext("Sign in") == "Cunnettesi"
        assert gettext("Dashboard") == "Tavulinu di bordu"
        assert ngettext("Use at least %(num)d character.", "x", 2) == "Aduprate almenu 2 caratteri."


def test_a_plugin_catalogue_merges_with_the_core(ctx) -> None:
    # The hello plugin ships French and Corsican: its strings and the core's both answer.
    for locale, posted in (("fr", "Publier un message"), ("co", "Publicà un messaghju")):
        with force_locale(locale):
            assert gettext("Post a message") == posted
            assert gettext("Sign in") != "Sign in"  # the core's catalogue is there too
    with force_locale("en"):
        assert gettext("Post a message") == "Post a message"


def test_an_unknown_string_stays_as_written(ctx) -> None:
    with force_locale("co"):
        assert gettext("A sentence no catalogue has.") == "A sentence no catalogue has."


def test_a_corsican_page_is_corsican_even_in_the_admin_area(client, make_user, ctx) -> None:
    client.sign_in(make_user(roles=["admin"]))
    html = client.get("/admin/", headers={"Accept-Language": "co"}).get_data(as_text=True)
    assert '<html lang="co">' in html
    assert "Amministrazione" in html  # the user menu
    assert "Tavulinu di bordu" in html and "Tableau de bord" not in html and "Dashboard" not in html


def compiled_catalogue(folder: Path, plural_forms: str, entries: str, *, locale: str = "fr") -> str:
    """A ``messages.mo`` for ``locale`` in ``folder`` from .po text, with its own plural rule."""
    header = f'msgid ""\nmsgstr ""\n"Language: {locale}\\n"\n"Plural-Forms: {plural_forms}\\n"\n\n'
    catalogue = read_po(io.BytesIO((header + entries).encode()))
    (folder / f"{locale}/LC_MESSAGES").mkdir(parents=True)
    with (folder / f"{locale}/LC_MESSAGES/messages.mo").open("wb") as mo:
        write_mo(mo, catalogue)
    return str(folder)


def test_each_catalogue_keeps_its_own_plural_rule(tmp_path: Path) -> None:
    # Babel now writes French with three forms (CLDR's "many"); older catalogues have two.
    three = compiled_catalogue(
        tmp_path / "core",
        "nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;",
        'msgid "%(num)d apple"\nmsgid_plural "%(num)d apples"\n'
        'msgstr[0] "%(num)d pomme"\nmsgstr[1] "%(num)d de pommes"\nmsgstr[2] "%(num)d pommes"\n',
    )
    two = compiled_catalogue(
        tmp_path / "plugin",
        "nplurals=2; plural=(n > 1);",
        'msgid "%(num)d pear"\nmsgid_plural "%(num)d pears"\n'
        'msgstr[0] "%(num)d poire"\nmsgstr[1] "%(num)d poires"\n',
    )
    for folders in ([three, two], [two, three]):
        chain = chained_translations(folders, "fr")
        assert chain.ngettext("%(num)d apple", "%(num)d apples", 2) == "%(num)d pommes"
        assert chain.ngettext("%(num)d apple", "%(num)d apples", 10**6) == "%(num)d de pommes"
        assert chain.ngettext("%(num)d pear", "%(num)d pears", 2) == "%(num)d poires"
        assert chain.ngettext("%(num)d pear", "%(num)d pears", 1) == "%(num)d poire"
