"""Official answers: states (custom too), translated text, costs, publishing, valuators, CSV."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.models import ActionLog
from pnyx.testing import PnyxClient
from pnyx.testing.submissions import ALREADY_SENT, TOKEN, sent_twice
from pnyx_proposals.models import CustomState, Proposal


@pytest.fixture
def admin(make_user: Callable[..., api.User]) -> api.User:
    return make_user(name="Admin", roles=["admin"])


@pytest.fixture
def proposal(add_proposal: Callable[..., Proposal], make_user: Callable[..., api.User]) -> Proposal:
    return add_proposal("Bike racks", author=make_user(name="Ada"))


@pytest.fixture
def two_proposals(add_proposal: Callable[..., Proposal]) -> tuple[Proposal, Proposal]:
    """Proposals "First" and "Second", unanswered."""
    return add_proposal("First"), add_proposal("Second")


def answer(client: PnyxClient, admin_url: str, proposal: Proposal, **values: str) -> object:
    form = {"state": "accepted", "answer_fr": "Oui !", "answer_en": "Yes!"} | values
    return client.post_form(f"{admin_url}{proposal.id}/answer", form)


def test_an_answer_is_published_at_once_and_translated(
    client: PnyxClient,
    session: Session,
    url: str,
    admin_url: str,
    proposal: Proposal,
    admin: api.User,
) -> None:
    client.sign_in(admin)
    assert answer(client, admin_url, proposal).status_code == 302
    session.refresh(proposal)
    assert (proposal.state, proposal.answer_published_at is not None) == ("accepted", True)
    client.sign_out()
    page = client.get(f"{url}{proposal.id}/").text
    assert "Official answer" in page and "Yes!" in page and "Accepted" in page
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    assert "Oui !" in client.get(f"{url}{proposal.id}/").text


def test_answers_published_all_together(
    client: PnyxClient,
    session: Session,
    url: str,
    admin_url: str,
    two_proposals: tuple[Proposal, Proposal],
    admin: api.User,
    set_settings: Callable[..., None],
) -> None:
    set_settings(step={"publish_answers_immediately": False})
    first, second = two_proposals
    client.sign_in(admin)
    answer(client, admin_url, first)
    answer(client, admin_url, second, state="rejected")
    session.refresh(first)
    assert first.state == "not_answered" and first.answer_state == "accepted"
    assert "Yes!" not in client.get(f"{url}{first.id}/").text
    assert "2 answers are waiting to be published." in client.get(admin_url).text

    client.post_form(f"{admin_url}answers/publish")

    session.refresh(first)
    session.refresh(second)
    assert (first.state, second.state) == ("accepted", "rejected")
    assert "Yes!" in client.get(f"{url}{first.id}/").text


def test_the_answer_form_checks_its_fields(
    client: PnyxClient,
    session: Session,
    admin_url: str,
    proposal: Proposal,
    admin: api.User,
    set_settings: Callable[..., None],
) -> None:
    set_settings(global_={"answers_with_costs": True})
    client.sign_in(admin)
    response = answer(client, admin_url, proposal, cost="")
    assert response.status_code == 400  # type: ignore[attr-defined]
    text = response.text  # type: ignore[attr-defined]
    assert "Give the cost of an accepted proposal." in text
    assert 'aria-describedby="execution_period-error"' in text
    assert "Yes!" in text  # kept
    bad = answer(client, admin_url, proposal, state="nonsense")
    assert "Choose a state from the list." in bad.text  # type: ignore[attr-defined]
    rejected = answer(client, admin_url, proposal, state="rejected", answer_fr="", answer_en="")
    assert "Explain why the proposal is rejected." in rejected.text  # type: ignore[attr-defined]
    ok = answer(client, admin_url, proposal, cost="12 500,50", execution_period="2027")
    assert ok.status_code == 302  # type: ignore[attr-defined]
    session.refresh(proposal)
    assert str(proposal.cost) == "12500.50" and proposal.execution_period == "2027"


def test_custom_states(
    client: PnyxClient,
    session: Session,
    url: str,
    admin_url: str,
    component: api.Component,
    proposal: Proposal,
    admin: api.User,
) -> None:
    client.sign_in(admin)
    form = {"code": "in_study", "label_fr": "À l'étude", "label_en": "Under study"}
    form["colour"] = "#1D4E89"
    assert client.post_form(f"{admin_url}states", form).status_code == 302
    reserved = client.post_form(f"{admin_url}states", form | {"code": "accepted"})
    assert reserved.status_code == 400
    bad_colour = client.post_form(f"{admin_url}states", form | {"code": "x", "colour": "red;}"})
    assert "Choose a colour such as #1d4e89." in bad_colour.text

    answer(client, admin_url, proposal, state="in_study")

    session.refresh(proposal)
    assert proposal.state == "in_study"
    assert "Under study" in client.get(f"{url}{proposal.id}/").text
    assert proposal.id in [p.id for p in session.scalars(select(Proposal))]
    assert "Under study" in client.get(f"{url}?state=in_study").text
    state = session.scalar(select(CustomState))
    assert state is not None and state.colour == "#1d4e89"
    css = client.get(f"{url}states.css")
    assert css.mimetype == "text/css"
    assert ".proposals-state-in_study { background: #1d4e89;" in css.text
    delete_url = f"{admin_url}states/{state.id}/delete"
    client.post_form(delete_url, {"confirmed": "yes"})  # in use: refused
    assert session.scalar(select(CustomState)) is not None


def test_valuators_see_and_answer_only_their_proposals(
    client: PnyxClient,
    session: Session,
    admin_url: str,
    component: api.Component,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
    admin: api.User,
) -> None:
    mine, other = add_proposal("Assigned to me"), add_proposal("Not mine")
    valuator = make_user(name="Val", space_roles={component.space: "valuator"})
    client.sign_in(admin)
    assert "Val" in client.get(f"{admin_url}{mine.id}/answer").text
    client.post_form(f"{admin_url}{mine.id}/valuators", {"valuators": [str(valuator.id)]})
    outsider = make_user()
    refused = client.post_form(f"{admin_url}{mine.id}/valuators", {"valuators": [str(outsider.id)]})
    assert refused.status_code == 400

    client.sign_in(valuator)
    listing = client.get(admin_url).text
    assert "Assigned to me" in listing and "Not mine" not in listing
    assert client.get(f"{admin_url}{other.id}/answer").status_code == 404
    assert answer(client, admin_url, other).status_code == 404  # type: ignore[attr-defined]
    assert answer(client, admin_url, mine).status_code == 302  # type: ignore[attr-defined]
    assert client.get(f"{admin_url}states").status_code == 403  # managers only
    assert client.get(f"{admin_url}export.csv").status_code == 403


def test_residents_and_other_roles_cannot_answer(
    client: PnyxClient,
    admin_url: str,
    component: api.Component,
    proposal: Proposal,
    make_user: Callable[..., api.User],
) -> None:
    client.sign_in(make_user())
    assert client.get(admin_url).status_code == 403
    client.sign_in(make_user(space_roles={component.space: "collaborator"}))
    assert client.get(admin_url).status_code == 403
    assert answer(client, admin_url, proposal).status_code == 403  # type: ignore[attr-defined]
    client.sign_in(make_user(space_roles={component.space: "admin"}))
    assert client.get(admin_url).status_code == 200


def csv_file(text: str) -> tuple[io.BytesIO, str]:
    return io.BytesIO(text.encode("utf-8-sig")), "answers.csv"


def test_bulk_answers_from_csv(
    client: PnyxClient,
    session: Session,
    admin_url: str,
    two_proposals: tuple[Proposal, Proposal],
    admin: api.User,
) -> None:
    first, second = two_proposals
    client.sign_in(admin)
    wrong = f"id;state;answer_en\n{first.id};accepted;Yes\n999;accepted;No\n{second.id};maybe;\n"
    response = client.post_form(f"{admin_url}answers/import", {"file": [csv_file(wrong)]})
    assert response.status_code == 400
    assert "Line 3:" in response.text and "Line 4:" in response.text
    session.refresh(first)
    assert first.answer_state is None  # nothing saved when a row is wrong

    good = "id,state,answer_en,answer_fr\n"
    good += f"{first.id},accepted,Yes,Oui\n{second.id},rejected,No,Non\n"
    response = client.post_form(f"{admin_url}answers/import", {"file": [csv_file(good)]})
    assert response.status_code == 302
    session.refresh(first)
    session.refresh(second)
    assert (first.state, second.state) == ("accepted", "rejected")
    assert second.answer_text == {"en": "No", "fr": "Non"}


def test_answering_tells_the_author(
    client: PnyxClient,
    admin_url: str,
    proposal: Proposal,
    admin: api.User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    published: list[tuple[str, dict[str, object]]] = []
    original = api.publish_event

    def spy(session: object, name: str, payload: dict[str, object] | None = None, **kw: object):  # type: ignore[no-untyped-def]
        published.append((name, dict(payload or {})))
        return original(session, name, payload, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "publish_event", spy)
    client.sign_in(admin)
    answer(client, admin_url, proposal)
    [(_name, payload)] = [item for item in published if item[0] == "proposals.answered"]
    assert payload["affected_user_ids"] == [proposal.author_id]
    assert payload["state"] == "accepted"


def test_the_preview_button_renders_the_answer_and_saves_nothing(
    client: PnyxClient,
    session: Session,
    url: str,
    admin_url: str,
    proposal: Proposal,
    admin: api.User,
) -> None:
    """Answers are rich text (docs/rich-text.md): previewed without JavaScript, staff links."""
    client.sign_in(admin)
    text = "**Oui**, voir https://ville.example/velo <script>x</script>"
    response = answer(client, admin_url, proposal, answer_en=text, preview="1")
    assert response.status_code == 200
    assert '<div class="rich-text"><p><strong>Oui</strong>, voir <a href=' in response.text
    assert "&lt;script&gt;" in response.text and "<script>x" not in response.text
    session.refresh(proposal)
    assert proposal.answer_published_at is None and not proposal.answer_text
    answer(client, admin_url, proposal, answer_en=text)
    client.sign_out()
    page = client.get(f"{url}{proposal.id}/").text
    assert '<a href="https://ville.example/velo" rel="noopener">' in page
    assert "<strong>Oui</strong>" in page


def test_an_answer_sent_twice_is_published_once(
    client: PnyxClient,
    session: Session,
    admin_url: str,
    proposal: Proposal,
    admin: api.User,
) -> None:
    """A double click on "Save" published the answer twice: two public entries, two
    messages to the author (api.submissions, docs/forms.md)."""
    client.sign_in(admin)
    form = {"state": "accepted", "answer_fr": "Oui !", "answer_en": "Yes!"}
    sent_twice(client, f"{admin_url}{proposal.id}/answer", form)
    published = select(func.count()).where(ActionLog.action == "proposals.answer_published")
    assert session.scalar(published) == 1


def test_an_answers_file_sent_twice_publishes_each_answer_once(
    client: PnyxClient,
    session: Session,
    admin_url: str,
    two_proposals: tuple[Proposal, Proposal],
    admin: api.User,
) -> None:
    first, second = two_proposals
    client.sign_in(admin)
    url = f"{admin_url}answers/import"
    assert 'name="submission_token"' in client.get(url).text
    good = f"id,state,answer_en\n{first.id},accepted,Yes\n{second.id},rejected,No\n"
    sendings = [
        client.post_form(url, {"file": [csv_file(good)], "submission_token": TOKEN})
        for _ in range(2)
    ]
    assert [s.status_code for s in sendings] == [302, 302]
    assert sendings[1].location == sendings[0].location
    assert ALREADY_SENT in client.get(sendings[1].location).text
    published = select(func.count()).where(ActionLog.action == "proposals.answer_published")
    assert session.scalar(published) == 2  # one per proposal
    # The page kept by the browser, sent with another file: its answers are saved.
    other = f"id,state,answer_en\n{first.id},rejected,No after all\n"
    assert (
        client.post_form(url, {"file": [csv_file(other)], "submission_token": TOKEN}).status_code
        == 302
    )
    session.refresh(first)
    assert first.answer_text == {"en": "No after all"}
