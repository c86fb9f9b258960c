"""Residents' texts the core draws for plugins keep the language they were written in
(``pnyx.written_language``, WCAG 3.1.2): resource links (``api.links.ResourceDescription``)
and notifications (``api.notify(..., title_language=, detail_language=)``). Search results:
``test_written_language.py``. Uses the in-test plugin ``notifydemo``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import flask_babel
import pytest
from flask import Flask, g, render_template_string
from sqlalchemy import select

from pnyx import api
from pnyx.models import Notification
from pnyx.resources import ResourceDescription

pytestmark = [pytest.mark.pnyx_plugins("notifydemo"), pytest.mark.usefixtures("notifydemo")]


@pytest.fixture
def bilingual(notifydemo, make_organization):
    """Smart Isula's case: French first, Corsican offered (after the plugin is installed)."""
    return make_organization(default_locale="fr", available_locales=["fr", "co"])


@contextmanager
def on_page(app: Flask, language: str) -> Iterator[None]:
    with app.test_request_context("/", headers={"Accept-Language": language}):
        g.pop("pnyx_organization", None)
        flask_babel.refresh()
        yield


def test_a_links_list_marks_a_title_in_another_language(app, session, bilingual) -> None:
    # notifydemo's ``describe`` gives (title, url): no language, nothing marked.
    assert api.links.describe(session, "notifydemo_thing", [1]) == {
        1: ResourceDescription("Thing 1", "/things/1")
    }
    links = (
        "{% for item in items %}<a href='{{ item.url }}'>"
        "{{ item.title|in_language(item.language) }}</a>{% endfor %}"
    )
    items = [
        ResourceDescription("Arburi", "/p/1", language="co"),
        ResourceDescription("Bancs", "/p/2"),
    ]
    with on_page(app, "fr"):
        html = render_template_string(links, items=items)
    assert html == "<a href='/p/1'><span lang=\"co\">Arburi</span></a><a href='/p/2'>Bancs</a>"


def test_a_notification_quoting_a_resident_keeps_the_language(
    client, session, make_user, make_space, make_component, bilingual
) -> None:
    place = make_component(make_space(slug="parks", published=True), "notifydemo", published=True)
    ada = make_user(name="Ada")
    for number, language in ((1, "co"), (2, "")):
        api.notify(
            "notifydemo.changed",
            ("notifydemo_thing", number),
            component=place,
            title=f"Arburi {number}",
            title_language=language,
            detail="Ci vole à piantà",
            detail_language=language,
            url=f"/things/{number}",
            authors=[ada.id],
        )
    session.commit()
    notes = session.scalars(select(Notification).order_by(Notification.id)).all()
    assert [(note.title, note.detail) for note in notes] == [
        ({"co": "Arburi 1"}, {"co": "Ci vole à piantà"}),
        ({"": "Arburi 2"}, {"": "Ci vole à piantà"}),
    ]
    client.sign_in(ada)
    in_french = read_page(client, "fr", "/notifications")
    assert '<a href="/things/1"><span lang="co">Arburi 1</span></a>' in in_french
    assert '<span> — <span lang="co">Ci vole à piantà</span></span>' in in_french
    assert '<a href="/things/2">Arburi 2</a>' in in_french
    assert "<span> — Ci vole à piantà</span>" in in_french
    in_corsican = read_page(client, "co", "/notifications")
    assert '<a href="/things/1">Arburi 1</a>' in in_corsican
    assert 'lang="co">Arburi' not in in_corsican


def read_page(client: Any, language: str, url: str) -> str:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    return str(client.get(url).text)
