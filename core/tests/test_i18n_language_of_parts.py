"""WCAG 3.1.2 (language of parts): content shown in a fallback language is marked with its
``lang`` (``|t_marked``, ``|t_lang``); content in the page's language is not."""

from __future__ import annotations

import pytest
from flask import url_for
from flask_babel import force_locale

from pnyx.api import component_url
from pnyx.i18n import translated, translated_lang_attribute, translated_markup


@pytest.fixture(autouse=True)
def trilingual(make_organization):
    """Smart Isula's case: French first, Corsican offered."""
    return make_organization(default_locale="fr", available_locales=["fr", "co"])


@pytest.fixture
def ctx(app):
    with app.test_request_context("/"):
        yield


def corsican_page(client, app, slug: str) -> str:
    with app.test_request_context("/"):
        url = url_for("pnyx.space", slug=slug)
    html = client.get(url, headers={"Accept-Language": "co"}).get_data(as_text=True)
    assert '<html lang="co">' in html
    return html


def test_a_french_only_title_is_marked_on_a_corsican_page(client, app, make_space) -> None:
    space = make_space(
        title={"fr": "Budget participatif"}, description={"fr": "Une **concertation**."}
    )
    html = corsican_page(client, app, space.slug)
    assert '<h1><span lang="fr">Budget participatif</span></h1>' in html
    assert '<div class="description rich-text" lang="fr">' in html


def test_the_phases_of_a_space_are_marked(client, app, make_space) -> None:
    """A core include converted from ``|t`` (pnyx/_phases.html): a step titled in French only."""
    space = make_space(title={"fr": "Budget", "co": "Bilanciu"}, steps=[{"fr": "Idées"}])
    html = corsican_page(client, app, space.slug)
    assert '<span class="phase-title"><span lang="fr">Idées</span></span>' in html


@pytest.mark.pnyx_plugins("pages", "budgets")
@pytest.mark.parametrize("kind", ["pages", "budgets"])
def test_a_french_only_component_name_is_marked_on_its_corsican_page(
    client, app, make_space, make_component, kind: str
) -> None:
    """Two plugins' component pages: the name in <h1>, the space in the breadcrumb."""
    space = make_space(title={"fr": "Quartier Nord"})
    component = make_component(space, kind, name={"fr": "Espace des habitants"})
    with app.test_request_context("/"):
        url = component_url(component)
    html = client.get(url, headers={"Accept-Language": "co"}).get_data(as_text=True)
    assert '<html lang="co">' in html
    assert '<h1><span lang="fr">Espace des habitants</span></h1>' in html
    assert '<span lang="fr">Quartier Nord</span>' in html
    assert "<title>Espace des habitants" in html  # plain text in <title>, no markup


def test_a_corsican_title_is_not_marked(client, app, make_space) -> None:
    space = make_space(
        title={"fr": "Budget participatif", "co": "Bilanciu participativu"},
        description={"fr": "Une concertation.", "co": "Una cuncertazione."},
        steps=[{"fr": "Idées", "co": "Idee"}],  # the phases are marked too when French only
    )
    html = corsican_page(client, app, space.slug)
    assert "<h1>Bilanciu participativu</h1>" in html
    assert '<span class="phase-title">Idee</span>' in html
    assert '<div class="description rich-text">' in html
    assert '<span lang="fr">' not in html


def test_a_marked_title_stays_escaped(client, app, make_space) -> None:
    space = make_space(title={"fr": "<script>alert(1)</script> & co"})
    html = corsican_page(client, app, space.slug)
    assert "<script>alert(1)" not in html
    assert '<span lang="fr">&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</span>' in html


def test_the_filters_on_their_own(ctx) -> None:
    value = {"fr": "Rue <b>", "co": ""}
    with force_locale("co"):
        assert translated(value) == "Rue <b>"  # |t is unchanged: plain text
        assert translated_markup(value) == '<span lang="fr">Rue &lt;b&gt;</span>'
        assert translated_lang_attribute(value) == ' lang="fr"'
        assert translated_markup("Plain string") == "Plain string"  # no language known
        assert translated_lang_attribute(None) == ""
    with force_locale("fr"):
        assert translated_markup(value) == "Rue &lt;b&gt;"
        assert translated_lang_attribute(value) == ""
