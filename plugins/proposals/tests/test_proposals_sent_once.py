"""A proposal, a collaborative draft or an amendment form sent twice at once (a double
click) makes one item; sent again later (the back button) it leads to the first one
(api.submissions, docs/forms.md); an official proposal too. A draft's version and a version
of the participatory text, saved twice, are one version. SQLite here, PostgreSQL with
PNYX_TEST_DATABASE_URL."""

from __future__ import annotations

import io

import pytest
from flask import Flask, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx.models import ActionLog
from pnyx.testing import PnyxClient
from pnyx.testing.concurrency import detached, post_at_once
from pnyx.testing.submissions import sent_twice
from pnyx_proposals.amendments.models import Amendment
from pnyx_proposals.drafts.models import CollaborativeDraft, DraftRevision
from pnyx_proposals.models import Proposal
from pnyx_proposals.texts.models import TextVersion

TOKEN = "Proposal-sent-once-0123456789"
BODY = "A body long enough to be a proposal, about bike racks."


@pytest.fixture
def pnyx_config() -> dict[str, object]:
    return {"PROPAGATE_EXCEPTIONS": False}


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_the_new_proposal_form_carries_a_token(client: PnyxClient, url, make_user) -> None:
    client.sign_in(make_user())
    assert 'name="submission_token"' in client.get(f"{url}new").text


def test_a_double_click_publishes_one_proposal(
    app: Flask, session: Session, url, make_user, detached
) -> None:
    form = {"title": "Bike racks", "body": BODY, "intent": "publish", "submission_token": TOKEN}
    statuses = post_at_once(app, [(make_user(), f"{url}new", form)] * 4)
    assert statuses == [302] * 4
    assert count(session, Proposal) == 1


def test_the_same_form_sent_again_leads_to_the_first_proposal(
    client: PnyxClient, session: Session, url, make_user
) -> None:
    client.sign_in(make_user())
    form = {"title": "Bike racks", "body": BODY, "intent": "publish", "submission_token": TOKEN}
    first = client.post_form(f"{url}new", form)
    again = client.post_form(f"{url}new", form)
    assert again.location == first.location and count(session, Proposal) == 1


def test_a_double_click_opens_one_collaborative_draft(
    app: Flask, session: Session, url, make_user, set_settings, detached
) -> None:
    set_settings(global_={"collaborative_drafts_enabled": True})
    form = {"title": "Bike racks together", "body": BODY, "submission_token": TOKEN}
    statuses = post_at_once(app, [(make_user(), f"{url}drafts/new", form)] * 3)
    assert statuses == [302] * 3
    assert count(session, CollaborativeDraft) == 1


def test_a_double_click_sends_one_amendment(
    app: Flask, session: Session, url, add_proposal, make_user, set_settings, detached
) -> None:
    set_settings(step={"amendments_enabled": True})
    proposal = add_proposal("Trees", body=BODY, author=make_user())
    form = {"title": proposal.title, "body": BODY + " Near the station.", "submission_token": TOKEN}
    statuses = post_at_once(app, [(make_user(), f"{url}{proposal.id}/amend", form)] * 3)
    assert statuses == [302] * 3
    assert count(session, Amendment) == 1


def test_an_official_proposal_form_sent_again_publishes_one_proposal(
    app: Flask, client: PnyxClient, session: Session, component, staff
) -> None:
    with app.test_request_context():
        target = url_for(
            "proposals_admin.new_official",
            space_slug=component.space.slug,
            component_id=component.id,
        )
    assert 'name="submission_token"' in client.get(target).text
    form = {
        "authorship": "official",
        "title": "Open yards",
        "body": BODY,
        "submission_token": TOKEN,
    }
    first = client.post_form(target, form)
    again = client.post_form(target, form)
    assert first.status_code == 302 and again.location == first.location
    assert "This form was already sent" in client.get(again.location).text
    assert count(session, Proposal) == 1


def open_draft(client: PnyxClient, url: str) -> str:
    """A new draft, by the signed-in person; its edit page."""
    form = {"title": "Bike racks together", "body": BODY}
    response = client.post_form(f"{url}drafts/new", form)
    assert response.status_code == 302, response.text
    return f"{response.location}edit"


def test_a_draft_version_saved_twice_is_one_version(
    client: PnyxClient, session: Session, url, make_user, set_settings
) -> None:
    """The second sending is not shown as a conflict with the first: it leads to the draft."""
    set_settings(global_={"collaborative_drafts_enabled": True})
    client.sign_in(make_user())
    edit = open_draft(client, url)
    form = {"title": "Bike racks together", "body": BODY + " By the station.", "version": "1"}
    sent_twice(client, edit, form)
    assert session.scalars(select(DraftRevision.number)).all() == [1, 2]


def test_a_draft_version_double_clicked_at_once_is_one_version(
    app: Flask, client: PnyxClient, session: Session, url, make_user, set_settings
) -> None:
    set_settings(global_={"collaborative_drafts_enabled": True})
    author = make_user()
    client.sign_in(author)
    edit, author_id = open_draft(client, url), author.id
    form = {"title": "Bike racks", "body": BODY, "version": "1", "submission_token": TOKEN}
    with detached(app, session):
        statuses = post_at_once(app, [(author_id, edit, form)] * 3)
    # Without the token: one save, and two "someone saved meanwhile" (409) for the same text.
    assert statuses == [302] * 3
    assert count(session, DraftRevision) == 2


def test_a_text_version_published_twice_is_one_version(
    client: PnyxClient, session: Session, text_admin: str, staff
) -> None:
    markdown = b"# Code\n## Title I\n### Article 1\nBicycles everywhere.\n"
    form = {"title": "Code", "file": (io.BytesIO(markdown), "code.md")}
    assert client.post_form(f"{text_admin}/import", form).status_code == 302
    assert client.post_form(f"{text_admin}/publish").status_code == 302
    article = session.scalars(select(Proposal)).one()  # amended: a version that changes it
    article.body = "Bicycles everywhere, buses too."
    session.commit()
    sent_twice(client, text_admin, {"note": "Article 1 amended."}, action=f"{text_admin}/versions")
    assert session.scalars(select(TextVersion.number)).all() == [1, 2]


def test_an_edit_sent_twice_counts_one_version_and_one_public_entry(
    client: PnyxClient, session: Session, url, make_user, add_proposal
) -> None:
    author = make_user()
    proposal = add_proposal("Bike racks", body=BODY, author=author)
    client.sign_in(author)
    version = proposal.version
    edit = f"{url}{proposal.id}/edit"
    sent_twice(client, edit, {"title": "Bike racks, covered", "body": BODY})
    session.refresh(proposal)
    assert (proposal.title, proposal.version) == ("Bike racks, covered", version + 1)
    updated = select(func.count()).where(ActionLog.action == "proposals.updated")
    assert session.scalar(updated) == 1
