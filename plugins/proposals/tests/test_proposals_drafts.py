"""Collaborative drafts (issue 20 item 3): writing together, access requests, history,
comparing versions, conflicts without lost updates, publishing with every co-author."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.models import Notification
from pnyx.testing import PnyxClient
from pnyx_proposals.coauthors.models import Coauthor
from pnyx_proposals.drafts import writing
from pnyx_proposals.drafts.models import CollaborativeDraft, DraftCollaborator, DraftRevision
from pnyx_proposals.models import Proposal

BODY = "Plant fruit trees along the canal, and let the neighbours pick the fruit."
OTHER = "Plant fruit trees along the canal, with benches, and let everyone pick the fruit."


@pytest.fixture
def enabled(set_settings: Callable[..., None]) -> None:
    set_settings(global_={"collaborative_drafts_enabled": True})


def start(client: PnyxClient, url: str, title: str = "Orchards by the canal") -> int:
    response = client.post_form(f"{url}drafts/new", {"title": title, "body": BODY})
    assert response.status_code == 302, response.text
    return int(response.location.rstrip("/").rsplit("/", 1)[-1])


def edit(client: PnyxClient, url: str, draft_id: int, body: str, version: int) -> object:
    form = {"title": "Orchards by the canal", "body": body, "version": str(version)}
    return client.post_form(f"{url}drafts/{draft_id}/edit", form)


def test_a_draft_is_written_together_then_published_with_every_co_author(
    client: PnyxClient,
    session: Session,
    url: str,
    enabled: None,
    make_user: Callable[..., api.User],
) -> None:
    ada, bob = make_user(name="Ada"), make_user(name="Bob")
    client.sign_in(ada)
    draft_id = start(client, url)
    client.sign_in(bob)
    page = client.get(f"{url}drafts/{draft_id}/").text
    assert "Orchards by the canal" in page and "Ask to write this draft" in page
    assert client.get(f"{url}drafts/{draft_id}/edit").status_code == 403

    assert client.post_form(f"{url}drafts/{draft_id}/access").status_code == 302
    assert "has not answered yet" in client.get(f"{url}drafts/{draft_id}/").text

    client.sign_in(ada)
    page = client.get(f"{url}drafts/{draft_id}/").text
    assert "Requests to join" in page and "Bob" in page
    [note] = session.scalars(select(Notification).where(Notification.user_id == ada.id)).all()
    assert note.kind == "proposals.draft_access_requested"
    answer = f"{url}drafts/{draft_id}/requests"
    assert client.post_form(answer, {"user_id": bob.id, "answer": "accept"}).status_code == 302

    [note] = session.scalars(select(Notification).where(Notification.user_id == bob.id)).all()
    assert note.kind == "proposals.draft_access_decided"
    client.sign_in(bob)
    assert client.get(f"{url}drafts/{draft_id}/edit").status_code == 200
    assert edit(client, url, draft_id, OTHER, 1).status_code == 302

    draft = session.get(CollaborativeDraft, draft_id)
    assert draft is not None
    session.refresh(draft)
    assert draft.version == 2 and draft.body == OTHER
    # Only the author publishes.
    assert client.post_form(f"{url}drafts/{draft_id}/publish").status_code == 403

    client.sign_in(ada)
    response = client.post_form(f"{url}drafts/{draft_id}/publish")
    assert response.status_code == 302
    session.refresh(draft)
    proposal = session.get(Proposal, draft.proposal_id)
    assert proposal is not None and proposal.published_at is not None
    assert proposal.author_id == ada.id and proposal.body == OTHER
    assert {u.id for u in writing.coauthors_of(session, proposal.id)} == {ada.id, bob.id}
    [coauthor] = session.scalars(select(Coauthor).where(Coauthor.proposal_id == proposal.id))
    assert coauthor.user_id == bob.id and coauthor.accepted
    assert response.location.endswith(f"/{proposal.id}/")
    page = client.get(response.location).text
    assert "Authors" in page and "Bob" in page  # the co-authorship of proposals
    # Published: no one edits it any more, a late save is refused without a trace.
    client.sign_in(bob)
    assert edit(client, url, draft_id, BODY, 3).status_code == 403


def test_history_says_who_changed_what_and_versions_compare_word_by_word(
    client: PnyxClient,
    session: Session,
    url: str,
    enabled: None,
    make_user: Callable[..., api.User],
) -> None:
    ada = make_user(name="Ada")
    client.sign_in(ada)
    draft_id = start(client, url)
    assert edit(client, url, draft_id, OTHER, 1).status_code == 302
    client.sign_out()  # history and comparisons are public

    history = client.get(f"{url}drafts/{draft_id}/history").text
    assert "2 versions, newest first" in history and "Ada" in history
    compare = client.get(f"{url}drafts/{draft_id}/compare?from=1&to=2").text
    assert '<ins><span class="visually-hidden">[added: </span>' in compare
    assert "benches" in compare.split("<ins>", 1)[1]
    assert '<span class="visually-hidden">[removed: </span>the neighbours' in compare
    assert client.get(f"{url}drafts/{draft_id}/compare?from=1&to=9").status_code == 404
    assert client.get(f"{url}drafts/{draft_id}/compare?to=abc").status_code == 400


def test_a_stale_save_is_refused_with_the_persons_text_kept(
    client: PnyxClient,
    session: Session,
    url: str,
    enabled: None,
    make_user: Callable[..., api.User],
) -> None:
    ada, bob = make_user(name="Ada"), make_user(name="Bob")
    client.sign_in(ada)
    draft_id = start(client, url)
    session.add(DraftCollaborator(draft_id=draft_id, user_id=bob.id, status="accepted"))
    session.commit()
    # Both opened version 1; Ada saves first.
    assert edit(client, url, draft_id, OTHER, 1).status_code == 302
    client.sign_in(bob)
    mine = "Plant cherry trees along the canal so that the whole street shares the harvest."
    response = edit(client, url, draft_id, mine, 1)

    assert response.status_code == 409
    assert "Ada saved version 2 while you were editing" in response.text
    assert mine in response.text  # still in the form
    assert 'name="version" value="2"' in response.text  # saving again builds on version 2
    draft = session.get(CollaborativeDraft, draft_id)
    assert draft is not None
    session.refresh(draft)
    assert draft.body == OTHER and draft.version == 2  # Ada's save is not lost
    # Saving again, knowingly, replaces it.
    assert edit(client, url, draft_id, mine, 2).status_code == 302
    session.refresh(draft)
    assert draft.body == mine and draft.version == 3


def test_bad_input_is_shown_again_not_lost(
    client: PnyxClient, url: str, enabled: None, make_user: Callable[..., api.User]
) -> None:
    client.sign_in(make_user())
    response = client.post_form(f"{url}drafts/new", {"title": "Hi", "body": "Short but kept"})
    assert response.status_code == 400
    assert "Short but kept" in response.text and 'aria-invalid="true"' in response.text
    draft_id = start(client, url)
    response = client.post_form(
        f"{url}drafts/{draft_id}/edit", {"title": "A good title", "body": BODY}
    )
    assert response.status_code == 400 and "open the draft again" in response.text


def test_rejected_requests_and_withdrawing(
    client: PnyxClient,
    session: Session,
    url: str,
    enabled: None,
    make_user: Callable[..., api.User],
) -> None:
    ada, bob = make_user(name="Ada"), make_user(name="Bob")
    client.sign_in(ada)
    draft_id = start(client, url)
    client.sign_in(bob)
    client.post_form(f"{url}drafts/{draft_id}/access")
    client.post_form(f"{url}drafts/{draft_id}/access")  # twice: one request
    client.sign_in(ada)
    answer = f"{url}drafts/{draft_id}/requests"
    maybe = client.post_form(answer, {"user_id": bob.id, "answer": "maybe"})
    assert maybe.status_code == 302  # nothing decided
    assert client.post_form(answer, {"user_id": bob.id, "answer": "reject"}).status_code == 302
    row = session.get(DraftCollaborator, (draft_id, bob.id))
    assert row is not None and row.status == "rejected"
    client.sign_in(bob)
    assert client.get(f"{url}drafts/{draft_id}/edit").status_code == 403
    assert "turned down" in client.get(f"{url}drafts/{draft_id}/").text
    client.sign_in(ada)
    client.post_form(f"{url}drafts/{draft_id}/withdraw")
    assert "no longer changes" in client.get(f"{url}drafts/{draft_id}/").text
    assert edit(client, url, draft_id, OTHER, 1).status_code == 403
    assert client.get(f"{url}drafts/").status_code == 200


def test_the_author_removes_a_co_writer_and_a_co_writer_leaves(
    client: PnyxClient,
    session: Session,
    url: str,
    enabled: None,
    make_user: Callable[..., api.User],
) -> None:
    ada, bob, cyd = make_user(name="Ada"), make_user(name="Bob"), make_user(name="Cyd")
    client.sign_in(ada)
    draft_id = start(client, url)
    for person in (bob, cyd):
        session.add(DraftCollaborator(draft_id=draft_id, user_id=person.id, status="accepted"))
    session.commit()
    client.sign_in(bob)
    assert edit(client, url, draft_id, OTHER, 1).status_code == 302
    page = client.get(f"{url}drafts/{draft_id}/").text
    assert "Stop writing this draft" in page and "Remove Cyd from the co-writers" not in page
    # Only the author removes co-writers.
    remove = f"{url}drafts/{draft_id}/co-writers/remove"
    assert client.post_form(remove, {"user_id": cyd.id}).status_code == 403

    client.sign_in(ada)
    page = client.get(f"{url}drafts/{draft_id}/").text
    assert "Remove Bob from the co-writers" in page and "Stop writing this draft" not in page
    assert client.post_form(remove, {"user_id": bob.id}).status_code == 302
    assert "no longer writes the draft" in client.get(f"{url}drafts/{draft_id}/").text
    # Neither the author nor someone outside the draft can be removed.
    for user_id in (ada.id, bob.id, "x"):
        client.post_form(remove, {"user_id": user_id})
        assert "does not write the draft with you" in client.get(f"{url}drafts/{draft_id}/").text
    notes = session.scalars(select(Notification).where(Notification.user_id == bob.id)).all()
    assert [note.kind for note in notes] == ["proposals.draft_access_decided"]

    client.sign_in(bob)
    assert client.get(f"{url}drafts/{draft_id}/edit").status_code == 403
    page = client.get(f"{url}drafts/{draft_id}/").text
    assert "you may ask again" in page
    # Bob's saved version stays in the history under his name.
    assert "Bob" in client.get(f"{url}drafts/{draft_id}/history").text

    client.sign_in(cyd)
    assert client.post_form(f"{url}drafts/{draft_id}/leave").status_code == 302
    assert session.get(DraftCollaborator, (draft_id, cyd.id)) is None
    assert client.get(f"{url}drafts/{draft_id}/edit").status_code == 403
    assert "Ask to write this draft" in client.get(f"{url}drafts/{draft_id}/").text

    # The author withdraws rather than leaves; once closed, nobody is removed.
    client.sign_in(ada)
    client.post_form(f"{url}drafts/{draft_id}/leave")
    assert "withdraw the draft rather than leave" in client.get(f"{url}drafts/{draft_id}/").text
    client.post_form(f"{url}drafts/{draft_id}/withdraw")
    assert client.post_form(remove, {"user_id": bob.id}).status_code == 403
    rows = session.scalars(select(DraftCollaborator).where(DraftCollaborator.draft_id == draft_id))
    assert {row.user_id: row.status for row in rows} == {ada.id: "accepted", bob.id: "rejected"}


@pytest.mark.parametrize(
    ("who", "start_", "edit_", "lead"),
    [
        ("anonymous", 302, 302, 302),  # sent to sign in
        ("resident", 200, 403, 403),
        ("co_writer", 200, 200, 403),
        ("author", 200, 200, 302),  # answered, back to the draft
    ],
)
def test_permission_matrix(
    client: PnyxClient,
    session: Session,
    url: str,
    enabled: None,
    make_user: Callable[..., api.User],
    who: str,
    start_: int,
    edit_: int,
    lead: int,
) -> None:
    ada, bob, eve = make_user(), make_user(), make_user()
    client.sign_in(ada)
    draft_id = start(client, url)
    session.add(DraftCollaborator(draft_id=draft_id, user_id=bob.id, status="accepted"))
    session.add(DraftCollaborator(draft_id=draft_id, user_id=eve.id, status="requested"))
    session.commit()
    client.sign_out()
    person = {"resident": eve, "co_writer": bob, "author": ada}.get(who)
    if person is not None:
        client.sign_in(person)
    assert client.get(f"{url}drafts/new").status_code == start_
    assert client.get(f"{url}drafts/{draft_id}/edit").status_code == edit_
    reject = client.post_form(
        f"{url}drafts/{draft_id}/requests", {"user_id": eve.id, "answer": "reject"}
    )
    assert reject.status_code == lead
    row = session.get(DraftCollaborator, (draft_id, eve.id))
    assert row is not None
    session.refresh(row)
    assert row.status == ("rejected" if who == "author" else "requested")
    assert client.get(f"{url}drafts/{draft_id}/").status_code == 200  # anyone reads it


def test_drafts_are_off_unless_the_component_enables_them(
    client: PnyxClient, url: str, make_user: Callable[..., api.User]
) -> None:
    client.sign_in(make_user())
    assert client.get(f"{url}drafts/new").status_code == 403


@pytest.mark.parametrize(
    ("locale", "heading"),
    [
        ("en", "Collaborative drafts"),
        ("fr", "Brouillons collaboratifs"),
        ("co", "Bozze cullaburative"),
    ],
)
def test_pages_in_each_language(
    client: PnyxClient,
    url: str,
    enabled: None,
    make_user: Callable[..., api.User],
    session: Session,
    locale: str,
    heading: str,
) -> None:
    organization = session.scalar(select(api.Organization))
    assert organization is not None
    organization.available_locales = ["fr", "en", "co"]
    session.commit()
    client.sign_in(make_user(name="Ada"))
    draft_id = start(client, url)
    edit(client, url, draft_id, OTHER, 1)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = locale
    assert heading in client.get(f"{url}drafts/").text
    for path in ("", "edit", "history", "compare?to=2"):
        assert client.get(f"{url}drafts/{draft_id}/{path}").status_code == 200


def test_revisions_are_unique_per_number(session: Session) -> None:
    """The database refuses a second version 2 even if the optimistic lock were bypassed."""
    table = DraftRevision.__table__
    assert any(
        {c.name for c in constraint.columns} == {"draft_id", "number"}
        for constraint in table.constraints  # type: ignore[attr-defined]
        if constraint.__class__.__name__ == "UniqueConstraint"
    )


def test_personal_data_of_a_co_writer(
    client: PnyxClient,
    session: Session,
    url: str,
    enabled: None,
    make_user: Callable[..., api.User],
) -> None:
    from pnyx_proposals import personal_data

    ada = make_user(name="Ada")
    client.sign_in(ada)
    draft_id = start(client, url)
    archive = personal_data.export(session, ada)
    assert archive is not None
    [row] = archive["collaborative_drafts.csv"]
    assert row["draft_id"] == draft_id and row["body"] == BODY
    personal_data.delete_data(session, ada)
    session.commit()
    draft = session.get(CollaborativeDraft, draft_id)
    assert draft is not None
    session.refresh(draft)
    assert draft.author_id is None and draft.body == BODY  # the text stays for the others
    assert session.get(DraftCollaborator, (draft_id, ada.id)) is None
