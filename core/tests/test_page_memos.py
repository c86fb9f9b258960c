"""What pages remember to spend less CPU (issue 13 item 4): each memo gives the same answer as
the work it saves, and follows what may change (the locale of a request, the globals)."""

from __future__ import annotations

import pytest
from flask import Flask
from flask_babel import force_locale, get_translations, gettext

from pnyx.i18n import RememberedTranslations
from pnyx.richtext import _plain_words, _rendered, render_rich_text, rich_text_excerpt


@pytest.fixture
def ctx(app: Flask, session, make_organization):
    make_organization(default_locale="fr", available_locales=["fr", "en"])
    with app.test_request_context("/"):
        yield


def test_templates_share_the_environment_globals_and_see_later_ones(app: Flask) -> None:
    template = app.jinja_env.from_string("{{ pnyx_test_global }}")
    assert template.globals is app.jinja_env.globals
    app.jinja_env.globals["pnyx_test_global"] = "added after the template"
    try:
        with app.test_request_context("/"):
            assert template.render() == "added after the template"
    finally:
        del app.jinja_env.globals["pnyx_test_global"]


def test_a_template_with_globals_of_its_own_does_not_change_the_environment(app: Flask) -> None:
    template = app.jinja_env.from_string("{{ own }}", globals={"own": "mine"})
    assert template.render() == "mine"
    assert "own" not in app.jinja_env.globals


@pytest.mark.usefixtures("ctx")
def test_translations_are_remembered_per_message_and_follow_the_locale() -> None:
    translations = get_translations()
    assert isinstance(translations, RememberedTranslations)
    assert gettext("Sign in") == "Se connecter"
    assert translations.remembered["Sign in"] == "Se connecter"
    assert get_translations() is translations  # the request's memo
    with force_locale("en"):
        assert gettext("Sign in") == "Sign in"
        assert get_translations() is not translations
    assert gettext("Sign in") == "Se connecter"


def test_rich_text_is_rendered_once_per_text() -> None:
    source = "A **bold** move, see https://example.org/page-cpu-memo"
    first = render_rich_text(source)
    hits = _rendered.cache_info().hits
    assert render_rich_text(source) == first
    assert _rendered.cache_info().hits == hits + 1
    assert "<strong>bold</strong>" in first and 'rel="nofollow ugc noopener"' in first
    assert 'rel="noopener"' in render_rich_text(source, ugc=False)  # its own entry


def test_an_excerpt_is_cut_from_the_remembered_plain_words() -> None:
    source = "First *words* of a long text " * 20
    assert rich_text_excerpt(source, 30) == "First words of a long text…"
    hits = _plain_words.cache_info().hits
    assert rich_text_excerpt(source, 13) == "First words…"
    assert _plain_words.cache_info().hits == hits + 1
