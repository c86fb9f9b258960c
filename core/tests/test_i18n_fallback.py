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


@pytest.mark.parametrize(
    ("locale", "translated", "untranslated"),
    [
        # "Sign in" is in the Corsican catalogue; "Dashboard" is not (yet).
        ("co", "Cunnettesi", "Tableau de bord"),
        ("fr", "Se connecter", "Tableau de bord"),
        ("en", "Sign in", "Dashboard"),
    ],
)
def test_a_missing_string_comes_from_the_fallback_language(
    ctx, locale: str, translated: str, untranslated: str
) -> None:
    with force_locale(locale):
        assert gettext("Sign in") == translated
        assert gettext("Dashboard") == untranslated


def test_plural_strings_fall_back_too(ctx) -> None:
    with force_locale("co"):
        # Not translated in Corsican: the French plural, chosen by French rules.
        assert ngettext("%(num)d sub-term", "%(num)d sub-terms", 1) == "1 sous-élément"
        assert ngettext("%(num)d sub-term", "%(num)d sub-terms", 3) == "3 sous-éléments"
        # Translated in Corsican.
        assert ngettext("Use at least %(num)d character.", "x", 2) == "Aduprate almenu 2 caratteri."


def test_a_plugin_catalogue_merges_and_falls_back(ctx) -> None:
    # The hello plugin ships French only: a Corsican reader gets its French strings.
    for locale in ("fr", "co"):
        with force_locale(locale):
            assert gettext("Post a message") == "Publier un message"
            assert gettext("Sign in") != "Sign in"  # the core's catalogue is there too
    with force_locale("en"):
        assert gettext("Post a message") == "Post a message"


def test_an_unknown_string_stays_as_written(ctx) -> None:
    with force_locale("co"):
        assert gettext("A sentence no catalogue has.") == "A sentence no catalogue has."


def test_a_corsican_page_mixes_corsican_and_french_never_english(client, make_user, ctx) -> None:
    client.sign_in(make_user(roles=["admin"]))
    html = client.get("/admin/", headers={"Accept-Language": "co"}).get_data(as_text=True)
    assert '<html lang="co">' in html
    assert "Amministrazione" in html  # the user menu, in Corsican
    assert "Tableau de bord" in html and "Dashboard" not in html  # the admin area, in French


def compiled_catalogue(folder: Path, plural_forms: str, entries: str) -> str:
    """A French ``messages.mo`` in ``folder`` from .po text, with its own plural rule."""
    header = f'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Plural-Forms: {plural_forms}\\n"\n\n'
    catalogue = read_po(io.BytesIO((header + entries).encode()))
    (folder / "fr/LC_MESSAGES").mkdir(parents=True)
    with (folder / "fr/LC_MESSAGES/messages.mo").open("wb") as mo:
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
