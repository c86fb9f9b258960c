"""A meeting named on another plugin's page ("Linked to" on a proposal) is described with the
language its title is shown in, so that a French-only title on a Corsican page is marked
``lang="fr"`` (WCAG 3.1.2) like any other fallback."""

from __future__ import annotations

from collections.abc import Callable

import flask_babel
import pytest
from flask import Flask, g, render_template_string
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_meetings.models import Meeting

LINK = "{{ item.title|in_language(item.language) }}"


@pytest.fixture(autouse=True)
def bilingual(make_organization: Callable[..., api.Organization]) -> api.Organization:
    return make_organization(default_locale="fr", available_locales=["fr", "co"])


def titled(session: Session, meeting: Meeting, title: dict[str, str]) -> Meeting:
    meeting.title = title
    session.commit()
    return meeting


def described_as_link(app: Flask, session: Session, meeting: Meeting, language: str) -> str:
    with app.test_request_context("/", headers={"Accept-Language": language}):
        g.pop("pnyx_organization", None)
        flask_babel.refresh()
        item = api.links.describe(session, "meetings_meeting", [meeting.id])[meeting.id]
        return render_template_string(LINK, item=item)


def test_a_title_only_in_french_is_marked_on_a_corsican_page(
    app: Flask, session: Session, make_meeting: Callable[..., Meeting]
) -> None:
    meeting = titled(session, make_meeting(), {"fr": "Atelier vélo"})
    assert described_as_link(app, session, meeting, "co") == '<span lang="fr">Atelier vélo</span>'
    assert described_as_link(app, session, meeting, "fr") == "Atelier vélo"


def test_a_title_in_the_reader_language_is_not_marked(
    app: Flask, session: Session, make_meeting: Callable[..., Meeting]
) -> None:
    meeting = titled(session, make_meeting(), {"fr": "Atelier vélo", "co": "Attellu bicicletta"})
    assert described_as_link(app, session, meeting, "co") == "Attellu bicicletta"


def test_a_meeting_of_a_space_the_reader_may_not_see_is_not_described(
    app: Flask,
    session: Session,
    make_meeting: Callable[..., Meeting],
    make_user: Callable[..., api.User],
) -> None:
    """A public proposal's page named a meeting of an unpublished space (and linked to a 404):
    only people who may see the meeting's space read it there."""
    meeting = make_meeting()
    meeting.component.space.published = False
    admin = make_user(roles=["admin"])
    session.commit()
    with app.test_request_context("/"):
        assert api.links.describe(session, "meetings_meeting", [meeting.id]) == {}
        g.user = admin
        assert list(api.links.describe(session, "meetings_meeting", [meeting.id])) == [meeting.id]
