"""Writing: drafts, publishing, the edit window, withdrawing, limits, validation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_proposals.models import Proposal

ACTION_LOG = api.Model.metadata.tables["action_log"]
BODY = "Put bike racks in front of the library, near the entrance."


def proposals(session: Session) -> list[Proposal]:
    return list(session.scalars(select(Proposal).order_by(Proposal.id)))


def test_a_draft_is_saved_then_published(
    client: PnyxClient, session: Session, url: str, make_user: Callable[..., api.User]
) -> None:
    ada = make_user(name="Ada")
    client.sign_in(ada)

    response = client.post_form(f"{url}new", {"title": "Bike racks", "body": BODY})

    [draft] = proposals(session)
    assert response.status_code == 302
    assert response.location == f"{url}{draft.id}/"
    assert draft.is_draft and draft.author_id == ada.id
    assert "Bike racks" not in client.get(url).text.split('id="results-title"')[-1]
    client.sign_out()
    assert client.get(f"{url}{draft.id}/").status_code == 404  # only its author sees a draft
    client.sign_in(ada)
    assert "only you can see it" in client.get(f"{url}{draft.id}/").text

    assert client.post_form(f"{url}{draft.id}/publish").status_code == 302

    session.refresh(draft)
    assert draft.published_at is not None
    client.sign_out()
    assert "Bike racks" in client.get(url).text
    actions = set(session.scalars(select(ACTION_LOG.c.action)))
    assert {"proposals.draft_created", "proposals.published"} <= actions


def test_publishing_at_once(
    client: PnyxClient,
    session: Session,
    url: str,
    make_user: Callable[..., api.User],
    terms: dict[str, api.TaxonomyTerm],
) -> None:
    client.sign_in(make_user())
    form = {
        "title": "  Trees   in the schoolyard ",
        "body": BODY + "\r\n\r\nMore.",
        "territory": str(terms["37018"].id),
        "themes": [str(terms["environment"].id), str(terms["culture"].id)],
        "intent": "publish",
    }
    client.post_form(f"{url}new", form)

    [proposal] = proposals(session)
    assert proposal.title == "Trees in the schoolyard"
    assert proposal.body.endswith("\n\nMore.")
    assert proposal.published_at is not None
    assert proposal.territory_id == terms["37018"].id
    assert {t.code for t in proposal.themes} == {"environment", "culture"}
    page = client.get(f"{url}{proposal.id}/").text
    assert "Amboise" in page and "Environment" in page


def test_the_same_proposal_sent_again_is_not_made_twice(
    client: PnyxClient, session: Session, url: str, make_user: Callable[..., api.User]
) -> None:
    """The back button brings the sent form back filled in: sending it again published a
    second, identical proposal."""
    client.sign_in(make_user())
    form = {"title": "Bike racks", "body": BODY, "intent": "publish"}
    first = client.post_form(f"{url}new", form)
    again = client.post_form(f"{url}new", form)
    assert again.status_code == 302 and again.location == first.location
    assert len(proposals(session)) == 1
    assert "This proposal is already saved." in client.get(again.location).text
    # From a new drawing of the form (a new one-time token): the lookup, not the token.
    fresh = client.post_form(f"{url}new", form | {"submission_token": "A-new-drawing-01234"})
    assert fresh.location == first.location
    # Saved as a draft, or with other words, it is another proposal.
    assert client.post_form(f"{url}new", form | {"intent": "draft"}).status_code == 302
    assert client.post_form(f"{url}new", form | {"title": "Bike lanes"}).status_code == 302
    assert len(proposals(session)) == 3


def test_errors_are_shown_next_to_the_fields_and_the_text_kept(
    client: PnyxClient, session: Session, url: str, make_user: Callable[..., api.User]
) -> None:
    client.sign_in(make_user())

    response = client.post_form(f"{url}new", {"title": "Hi", "body": "Short but kept"})

    assert response.status_code == 400
    page = response.text
    assert 'aria-invalid="true" aria-describedby="title-hint title-error"' in page
    assert 'id="title-error"' in page and 'id="body-error"' in page
    assert "Short but kept" in page and 'value="Hi"' in page
    assert proposals(session) == []


def test_territory_required_and_themes_limited_by_the_settings(
    client: PnyxClient,
    session: Session,
    url: str,
    make_user: Callable[..., api.User],
    terms: dict[str, api.TaxonomyTerm],
    set_settings: Callable[..., None],
) -> None:
    set_settings(global_={"territory_required": True, "theme_codes": "mobility, culture"})
    client.sign_in(make_user())
    form = {"title": "A bus line", "body": BODY, "themes": [str(terms["environment"].id)]}

    page = client.post_form(f"{url}new", form)

    assert page.status_code == 400
    assert "Choose the territory your proposal concerns." in page.text
    assert "Choose themes from the list." in page.text
    assert "Environment" not in page.text and "Mobility" in page.text
    form |= {"territory": str(terms["37261-nord"].id), "themes": [str(terms["mobility"].id)]}
    assert client.post_form(f"{url}new", form).status_code == 302


def test_anonymous_people_are_sent_to_sign_in(client: PnyxClient, url: str) -> None:
    response = client.get(f"{url}new")
    assert response.status_code == 302 and "/sign-in" in response.location
    assert "Sign in to write a proposal." in client.get(url).text


def test_creation_closed_in_the_phase(
    client: PnyxClient,
    url: str,
    make_user: Callable[..., api.User],
    set_settings: Callable[..., None],
) -> None:
    set_settings(step={"creation_enabled": False})
    client.sign_in(make_user())
    assert client.get(f"{url}new").status_code == 403
    assert client.post_form(f"{url}new", {"title": "Nope!", "body": BODY}).status_code == 403
    assert f'href="{url}new"' not in client.get(url).text


def test_the_per_person_limit(
    client: PnyxClient,
    session: Session,
    url: str,
    make_user: Callable[..., api.User],
    add_proposal: Callable[..., Proposal],
    set_settings: Callable[..., None],
) -> None:
    set_settings(global_={"proposal_limit": 1})
    ada = make_user()
    withdrawn = add_proposal("Withdrawn one", author=ada, withdrawn_at=api.utcnow())
    add_proposal("First", author=ada)
    client.sign_in(ada)

    response = client.post_form(f"{url}new", {"title": "Second", "body": BODY, "intent": "publish"})

    second = session.scalar(select(Proposal).where(Proposal.title == "Second"))
    assert second is not None and second.is_draft  # kept as a draft
    assert "most allowed" in client.get(response.location).text
    client.post_form(f"{url}{withdrawn.id}/withdraw")  # already withdrawn: no change
    assert client.post_form(f"{url}{second.id}/publish").status_code == 302
    session.refresh(second)
    assert second.is_draft


def test_editing_within_the_window_only(
    client: PnyxClient,
    session: Session,
    url: str,
    make_user: Callable[..., api.User],
    add_proposal: Callable[..., Proposal],
) -> None:
    ada = make_user()
    fresh = add_proposal("Fresh", author=ada, minutes_ago=5)
    old = add_proposal("Old", author=ada, minutes_ago=16)  # the default window is 15 minutes
    client.sign_in(ada)

    assert client.get(f"{url}{fresh.id}/edit").status_code == 200
    client.post_form(f"{url}{fresh.id}/edit", {"title": "Fresh, edited", "body": BODY})
    assert client.get(f"{url}{old.id}/edit").status_code == 302
    client.post_form(f"{url}{old.id}/edit", {"title": "Old, edited", "body": BODY})

    session.refresh(fresh)
    session.refresh(old)
    assert (fresh.title, old.title) == ("Fresh, edited", "Old")


def test_only_the_author_edits(
    client: PnyxClient,
    session: Session,
    url: str,
    make_user: Callable[..., api.User],
    add_proposal: Callable[..., Proposal],
) -> None:
    proposal = add_proposal("Mine", author=make_user())
    client.sign_in(make_user())
    assert client.get(f"{url}{proposal.id}/edit").status_code == 403
    assert client.post_form(f"{url}{proposal.id}/withdraw").status_code == 403
    session.refresh(proposal)
    assert proposal.withdrawn_at is None


def test_withdrawing(
    client: PnyxClient,
    session: Session,
    url: str,
    make_user: Callable[..., api.User],
    add_proposal: Callable[..., Proposal],
) -> None:
    ada = make_user()
    proposal = add_proposal("Going away", author=ada, minutes_ago=60 * 24)
    client.sign_in(ada)

    client.post_form(f"{url}{proposal.id}/withdraw")

    session.refresh(proposal)
    assert proposal.withdrawn_at is not None
    page = client.get(f"{url}{proposal.id}/").text
    assert "Its author withdrew this proposal." in page and "Support this proposal" not in page
    assert "Going away" not in client.get(url).text
    assert "Going away" in client.get(f"{url}?state=withdrawn").text


def test_discarding_a_draft(
    client: PnyxClient,
    session: Session,
    url: str,
    make_user: Callable[..., api.User],
    add_proposal: Callable[..., Proposal],
) -> None:
    ada = make_user()
    draft = add_proposal("Draft", author=ada, published=False)
    published = add_proposal("Published", author=ada)
    client.sign_in(ada)
    client.post_form(f"{url}{draft.id}/discard")
    client.post_form(f"{url}{published.id}/discard")  # only drafts are deleted
    assert [p.title for p in proposals(session)] == ["Published"]


def test_the_edit_window_is_a_setting(
    session: Session,
    component: api.Component,
    add_proposal: Callable[..., Proposal],
    set_settings: Callable[..., None],
    app: object,
) -> None:
    from pnyx_proposals.lifecycle import editable

    set_settings(global_={"edit_window_minutes": 0})
    proposal = add_proposal(minutes_ago=0)
    later = api.utcnow() + dt.timedelta(seconds=1)
    assert not editable(proposal, later)
    assert editable(add_proposal(published=False), later)
