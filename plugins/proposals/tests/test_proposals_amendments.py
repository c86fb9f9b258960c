"""Amendments (issue 20, item 2): propose a change, see the word diff, the author accepts
(applied, versioned) or rejects with a reason, the rejected amendment becomes a proposal;
supports; notifications; who sees what in each phase setting."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.models import Notification
from pnyx.testing import PnyxClient
from pnyx_proposals.amendments.diff import word_diff
from pnyx_proposals.amendments.models import Amendment
from pnyx_proposals.models import Proposal

BODY = "Plant trees along the river, from the bridge to the park."
NEW_BODY = "Plant fruit trees along the river, from the bridge to the station."


@pytest.fixture
def amendments_on(set_settings: Callable[..., None]) -> None:
    set_settings(step={"amendments_enabled": True})


@pytest.fixture
def people(make_user: Callable[..., api.User]) -> dict[str, api.User]:
    return {"ada": make_user(name="Ada Author"), "bob": make_user(name="Bob Amender")}


def propose(client: PnyxClient, url: str, proposal: Proposal, **form: str) -> Amendment:
    values = {"title": proposal.title, "body": NEW_BODY, "intent": "send", **form}
    answer = client.post_form(f"{url}{proposal.id}/amend", values)
    assert answer.status_code == 302, answer.text
    return api.db_session().scalars(select(Amendment).order_by(Amendment.id.desc())).first()


def test_the_word_diff_marks_changes_with_ins_del_and_text() -> None:
    diff = word_diff("Plant trees <b>now</b>\nand here", "Plant fruit trees <b>now</b>\nand there")
    html = str(diff.html)
    assert (diff.added, diff.removed) == (2, 1)
    assert 'Plant <ins><span class="visually-hidden">[added: </span>fruit<span' in html
    assert '<del><span class="visually-hidden">[removed: </span>here' in html
    assert "&lt;b&gt;now&lt;/b&gt;<br>" in html  # escaped, line breaks kept
    assert not word_diff("a b", "a\nb").changed  # white space alone is no change


def test_propose_accept_applies_the_change_and_tells_the_amender(
    client: PnyxClient,
    session: Session,
    url: str,
    add_proposal: Callable[..., Proposal],
    people: dict[str, api.User],
    amendments_on: None,
) -> None:
    ada, bob = people["ada"], people["bob"]
    proposal = add_proposal("Trees by the river", body=BODY, author=ada)
    client.sign_in(bob)
    page = client.get(f"{url}{proposal.id}/").text
    assert "Propose an amendment" in page
    preview = client.post_form(
        f"{url}{proposal.id}/amend",
        {"title": proposal.title, "body": NEW_BODY, "intent": "preview"},
    )
    assert preview.status_code == 200 and "Preview of your changes" in preview.text
    assert session.scalar(select(Amendment)) is None
    amendment = propose(client, url, proposal)
    assert amendment.state == "pending" and amendment.base_version == 1
    notes = session.scalars(select(Notification)).all()
    assert [(n.user_id, n.kind) for n in notes] == [(ada.id, "proposals.amendment_proposed")]

    page = client.get(f"{url}{proposal.id}/amendments/{amendment.id}/").text
    assert "<ins>" in page and "<del>" in page and "[added: </span>fruit" in page
    assert "Accept: apply" not in page  # not Bob's to decide

    client.sign_in(ada)
    page = client.get(f"{url}{proposal.id}/amendments/{amendment.id}/").text
    assert 'name="version" value="1"' in page
    answer = client.post_form(
        f"{url}{proposal.id}/amendments/{amendment.id}/accept", {"version": "1"}
    )
    assert answer.status_code == 302
    session.expire_all()
    assert (proposal.body, proposal.version) == (NEW_BODY, 2)
    assert session.get(Amendment, amendment.id).state == "accepted"
    decided = session.scalars(
        select(Notification).where(Notification.kind == "proposals.amendment_decided")
    ).all()
    assert [n.user_id for n in decided] == [bob.id] and decided[0].detail["en"] == "Accepted"
    # Accepting again changes nothing: it is decided.
    again = client.post_form(
        f"{url}{proposal.id}/amendments/{amendment.id}/accept", {"version": "2"}
    )
    assert again.status_code == 403


def test_a_stale_version_is_refused_with_a_clear_message(
    client: PnyxClient,
    session: Session,
    url: str,
    add_proposal: Callable[..., Proposal],
    people: dict[str, api.User],
    amendments_on: None,
) -> None:
    proposal = add_proposal("Trees by the river", body=BODY, author=people["ada"])
    client.sign_in(people["bob"])
    amendment = propose(client, url, proposal)
    proposal.version = 2  # the author edited the text meanwhile
    session.commit()
    client.sign_in(people["ada"])
    answer = client.post_form(
        f"{url}{proposal.id}/amendments/{amendment.id}/accept", {"version": "1"}
    )
    assert answer.status_code == 409
    assert "The proposal changed since you opened this page" in answer.text
    assert 'name="version" value="2"' in answer.text  # the page now offers the current one
    session.expire_all()
    assert proposal.body == BODY and session.get(Amendment, amendment.id).state == "pending"


def test_reject_needs_a_reason_then_the_amender_promotes_it(
    client: PnyxClient,
    session: Session,
    url: str,
    add_proposal: Callable[..., Proposal],
    people: dict[str, api.User],
    amendments_on: None,
) -> None:
    proposal = add_proposal("Trees by the river", body=BODY, author=people["ada"])
    client.sign_in(people["bob"])
    amendment = propose(client, url, proposal)
    target = f"{url}{proposal.id}/amendments/{amendment.id}/"
    client.sign_in(people["ada"])
    refused = client.post_form(f"{target}reject", {"reason": "  "})
    assert refused.status_code == 400 and "why you reject" in refused.text
    assert (
        client.post_form(f"{target}reject", {"reason": "Fruit trees attract wasps."}).status_code
        == 302
    )
    session.expire_all()
    assert session.get(Amendment, amendment.id).reason == "Fruit trees attract wasps."

    client.sign_in(people["bob"])
    page = client.get(target).text
    assert "Fruit trees attract wasps." in page and "Make it a proposal of its own" in page
    answer = client.post_form(f"{target}promote")
    assert answer.status_code == 302
    session.expire_all()
    promoted = session.get(Amendment, amendment.id)
    created = session.get(Proposal, promoted.promoted_proposal_id)
    assert promoted.state == "promoted" and created.author_id == people["bob"].id
    assert created.body == NEW_BODY and created.published_at is not None
    assert client.post_form(f"{target}promote").status_code == 403  # once


def test_supports_go_to_amendments_once_per_person(
    client: PnyxClient,
    session: Session,
    url: str,
    add_proposal: Callable[..., Proposal],
    people: dict[str, api.User],
    make_user: Callable[..., api.User],
    amendments_on: None,
) -> None:
    proposal = add_proposal("Trees by the river", body=BODY, author=people["ada"])
    client.sign_in(people["bob"])
    amendment = propose(client, url, proposal)
    target = f"{url}{proposal.id}/amendments/{amendment.id}/"
    assert client.post_form(f"{target}support").status_code == 403  # not one's own
    client.sign_in(make_user())
    client.post_form(f"{target}support")
    client.post_form(f"{target}support")
    session.expire_all()
    assert session.get(Amendment, amendment.id).supports_count == 1
    assert "You support this amendment." in client.get(target).text
    client.post_form(f"{target}unsupport")
    session.expire_all()
    assert session.get(Amendment, amendment.id).supports_count == 0


def test_authors_only_visibility_until_accepted(
    client: PnyxClient,
    session: Session,
    url: str,
    add_proposal: Callable[..., Proposal],
    people: dict[str, api.User],
    make_user: Callable[..., api.User],
    set_settings: Callable[..., None],
) -> None:
    set_settings(step={"amendments_enabled": True, "amendments_visibility": "authors"})
    proposal = add_proposal("Trees by the river", body=BODY, author=people["ada"])
    client.sign_in(people["bob"])
    amendment = propose(client, url, proposal)
    target = f"{url}{proposal.id}/amendments/{amendment.id}/"
    assert client.get(target).status_code == 200  # its author
    client.sign_in(make_user())
    assert client.get(target).status_code == 404
    assert "Amendment by Bob" not in client.get(f"{url}{proposal.id}/").text
    client.sign_out()
    assert client.get(target).status_code == 404
    client.sign_in(people["ada"])
    assert "Amendment by Bob" in client.get(f"{url}{proposal.id}/").text
    client.post_form(f"{target}accept", {"version": "1"})
    client.sign_out()
    assert client.get(target).status_code == 200  # accepted: public


def test_an_unchanged_or_invalid_amendment_comes_back_with_its_text(
    client: PnyxClient,
    session: Session,
    url: str,
    add_proposal: Callable[..., Proposal],
    people: dict[str, api.User],
    amendments_on: None,
) -> None:
    proposal = add_proposal("Trees by the river", body=BODY, author=people["ada"])
    client.sign_in(people["bob"])
    same = client.post_form(
        f"{url}{proposal.id}/amend", {"title": proposal.title, "body": BODY, "intent": "send"}
    )
    assert same.status_code == 400 and "this is the proposal as it is" in same.text
    short = client.post_form(
        f"{url}{proposal.id}/amend", {"title": "x", "body": "Keep this text", "intent": "send"}
    )
    assert short.status_code == 400 and "Keep this text" in short.text
    assert session.scalar(select(Amendment)) is None


def test_withdraw_ones_own_pending_amendment(
    client: PnyxClient,
    session: Session,
    url: str,
    add_proposal: Callable[..., Proposal],
    people: dict[str, api.User],
    amendments_on: None,
) -> None:
    proposal = add_proposal("Trees by the river", body=BODY, author=people["ada"])
    client.sign_in(people["bob"])
    amendment = propose(client, url, proposal)
    target = f"{url}{proposal.id}/amendments/{amendment.id}/"
    assert client.post_form(f"{target}withdraw").status_code == 302
    session.expire_all()
    assert session.get(Amendment, amendment.id).state == "withdrawn"
    client.sign_in(people["ada"])
    assert client.post_form(f"{target}accept", {"version": "1"}).status_code == 403


@pytest.mark.parametrize(
    ("locale", "words"),
    [
        ("en", ("Amendment to", "Changes to the text", "Accept: apply these changes")),
        ("fr", ("Amendement à", "Modifications du texte", "Accepter\u202f: appliquer")),
        ("co", ("Emendamentu à", "Cambiamenti di u testu", "Accettà\u202f: applicà")),
    ],
)
def test_amendment_pages_in_french_english_and_corsican(
    client: PnyxClient,
    session: Session,
    url: str,
    add_proposal: Callable[..., Proposal],
    people: dict[str, api.User],
    amendments_on: None,
    locale: str,
    words: tuple[str, ...],
) -> None:
    organization = session.scalar(select(api.Organization))
    organization.available_locales = ["fr", "en", "co"]  # Smart Isula speaks Corsican
    session.commit()
    proposal = add_proposal("Trees by the river", body=BODY, author=people["ada"])
    client.sign_in(people["bob"])
    amendment = propose(client, url, proposal)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = locale
    form = client.get(f"{url}{proposal.id}/amend").text
    assert f'lang="{locale}"' in form and words[-1] not in form
    client.sign_in(people["ada"])
    page = client.get(f"{url}{proposal.id}/amendments/{amendment.id}/")
    assert f'lang="{locale}"' in page.text
    for word in words:
        assert word in page.text
