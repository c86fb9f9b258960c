"""The language of a resident's text (``pnyx.written_language``): read from a form among the
organization's languages, and marked with ``lang`` where it is not the page's (WCAG 3.1.2)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace

import flask_babel
import pytest
from flask import Flask, g, render_template, render_template_string
from werkzeug.datastructures import MultiDict

from pnyx import api
from pnyx.resources import ResourceDescription, _description
from pnyx.written_language import in_language, lang_attribute, read_written_language

FIELD = (
    '{% from "pnyx/forms/written_language.html" import written_language_field %}'
    "{{ written_language_field(value, error) }}"
)


@pytest.fixture(autouse=True)
def bilingual(make_organization):
    """Smart Isula's case: French first, Corsican offered."""
    return make_organization(default_locale="fr", available_locales=["fr", "co"])


@contextmanager
def on_page(app: Flask, language: str) -> Iterator[None]:
    """A request asking for ``language``, with the locale and organization read afresh (the
    test's app context, hence ``g``, outlives each request context)."""
    with app.test_request_context("/", headers={"Accept-Language": language}):
        g.pop("pnyx_organization", None)
        flask_babel.refresh()
        yield


def test_no_choice_takes_the_page_language(app) -> None:
    with on_page(app, "co"):
        assert read_written_language(MultiDict()) == ("co", None)
    with on_page(app, "en"):  # not offered: the organization's default
        assert read_written_language(MultiDict()) == ("fr", None)


def test_no_choice_keeps_the_language_of_an_edited_text(app) -> None:
    with on_page(app, "fr"):
        assert read_written_language(MultiDict(), current="co") == ("co", None)


def test_a_chosen_language_is_kept(app) -> None:
    with on_page(app, "fr"):
        assert read_written_language(MultiDict({"language": "co"})) == ("co", None)


@pytest.mark.parametrize("sent", ["de", "co<script>", "x" * 300])
def test_a_language_not_offered_is_refused_with_a_message(app, sent: str) -> None:
    with on_page(app, "fr"):
        language, error = read_written_language(MultiDict({"language": sent}))
    assert language == "fr"
    assert error == "Choisissez la langue de votre texte dans la liste."


def test_a_text_in_another_language_than_the_page_is_marked(app) -> None:
    with on_page(app, "fr"):
        assert str(in_language("Bon dì <b>", "co")) == '<span lang="co">Bon dì &lt;b&gt;</span>'
        assert str(lang_attribute("co")) == ' lang="co"'
    with on_page(app, "co"):
        assert str(in_language("Bon dì <b>", "co")) == "Bon dì &lt;b&gt;"
        assert str(lang_attribute("co")) == ""


def test_a_text_of_unknown_language_is_not_marked(app) -> None:
    with on_page(app, "fr"):
        assert str(in_language("Bonjour", "")) == "Bonjour"
        assert str(lang_attribute(None)) == ""


@pytest.mark.parametrize("stored", ['co" onclick="x', "c o", "corsu-", "-co", "x" * 16])
def test_a_stored_value_that_is_no_language_tag_marks_nothing(app, stored: str) -> None:
    with on_page(app, "fr"):
        assert str(lang_attribute(stored)) == ""
        assert str(in_language("Bon dì", stored)) == "Bon dì"
        assert str(lang_attribute("pt-BR")) == ' lang="pt-BR"'


def test_the_field_offers_the_organization_languages(app) -> None:
    with on_page(app, "co"):
        html = render_template_string(FIELD, value="", error=None)
    assert '<select id="language" name="language" aria-describedby="language-hint">' in html
    assert '<option value="co" lang="co" selected>' in html
    assert '<option value="fr" lang="fr">' in html
    assert '<option value="en"' not in html


def test_the_field_shows_its_error(app) -> None:
    with on_page(app, "fr"):
        html = render_template_string(FIELD, value="fr", error="Choose one.")
    assert '<p class="error" id="language-error">Choose one.</p>' in html
    assert 'aria-describedby="language-error language-hint" aria-invalid="true"' in html


def test_no_field_on_a_single_language_organization(app, session, bilingual) -> None:
    bilingual.available_locales = ["fr"]
    session.commit()
    with on_page(app, "fr"):
        assert render_template_string(FIELD, value="", error=None).strip() == ""
        assert read_written_language(MultiDict()) == ("fr", None)


def test_a_text_keeps_its_language_when_the_organization_no_longer_offers_it(
    app, session, bilingual
) -> None:
    """Corsican withdrawn from the interface: a Corsican text edited afterwards stays
    Corsican, and its form still offers Corsican (else the list's first option would
    silently relabel it), beside the languages offered now."""
    bilingual.available_locales = ["fr", "en"]
    session.commit()
    with on_page(app, "fr"):
        assert read_written_language(MultiDict(), current="co") == ("co", None)
        assert read_written_language(MultiDict({"language": "co"}), current="co") == ("co", None)
        assert read_written_language(MultiDict({"language": "co"}))[1] is not None  # a new text
        html = render_template_string(FIELD, value="co", error=None)
        fresh = render_template_string(FIELD, value="", error=None)
    assert '<option value="co" lang="co" selected>Corsu</option>' in html
    assert '<option value="fr" lang="fr">' in html and '<option value="en" lang="en">' in html
    assert 'value="co"' not in fresh
    bilingual.available_locales = ["fr"]
    session.commit()
    with on_page(app, "fr"):  # one language now: no field, and the text stays Corsican
        assert read_written_language(MultiDict(), current="co") == ("co", None)


def test_the_plugin_api_exports_it() -> None:
    assert api.read_written_language is read_written_language
    assert callable(api.written_language_column)


# Residents' texts the core draws for plugins: search results, resource links, notifications.


def search_page(app: Flask, language: str, *results: api.SearchResult) -> str:
    with on_page(app, language):
        return render_template(
            "pnyx/search.html", text="arburi", groups={"Proposals": list(results)}, count=2
        )


def a_result(title: str, language: str = "") -> api.SearchResult:
    park = SimpleNamespace(space=SimpleNamespace(title={"fr": "Parcs", "co": "Parchi"}))
    return api.SearchResult(
        kind="Proposals",
        title=title,
        url="/p",
        component=park,
        excerpt="Arburi!",
        language=language,
    )


def test_a_search_result_in_another_language_is_marked(app) -> None:
    corsican, unknown = a_result("Arburi <longu>", "co"), a_result("Des arbres")
    html = search_page(app, "fr", corsican, unknown)
    assert '<a href="/p"><span lang="co">Arburi &lt;longu&gt;</span></a>' in html
    assert '<p lang="co">Arburi!</p>' in html
    assert '<a href="/p">Des arbres</a>' in html and "<p>Arburi!</p>" in html
    in_corsican = search_page(app, "co", corsican)
    assert '<a href="/p">Arburi &lt;longu&gt;</a>' in in_corsican
    assert "<p>Arburi!</p>" in in_corsican and 'lang="co"' not in in_corsican.split("<main")[-1]


def test_a_search_result_without_language_keeps_working() -> None:
    result = api.SearchResult(kind="Proposals", title="T", url="/p", component=None)
    assert result.language == ""


def test_a_resource_description_carries_the_language_of_its_title() -> None:
    assert _description(("Arburi", "/p")) == ResourceDescription("Arburi", "/p", "", "")
    assert _description(("Arburi", "/p", "3 supports", "co")).language == "co"
    assert _description(("Arburi", "/p", None, None)) == ResourceDescription("Arburi", "/p")
    given = api.links.ResourceDescription("Arburi", "/p", language="co")
    assert _description(given) is given


def test_a_translatable_title_is_described_in_the_reader_language_or_its_fallback(app) -> None:
    """Staff content (a meeting) gives its ``{locale: text}`` title: shown in the reader's
    language when written in it, else in the fallback, whose language then marks it."""
    both = {"fr": "Réunion publique", "co": "Riunione publica"}
    with on_page(app, "co"):
        assert _description((both, "/m", "")) == ResourceDescription(
            "Riunione publica", "/m", "", "co"
        )
        french_only = _description(({"fr": "Réunion publique"}, "/m"))
        assert (french_only.title, french_only.language) == ("Réunion publique", "fr")
        assert str(in_language(french_only.title, french_only.language)) == (
            '<span lang="fr">Réunion publique</span>'
        )
    with on_page(app, "fr"):
        shown = _description((both, "/m"))
        assert str(in_language(shown.title, shown.language)) == "Réunion publique"
