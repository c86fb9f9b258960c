"""The debates component: staff open and close debates, residents open them when the phase
allows it, comments with alignment until the debate closes, lists with filters and counts."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from pnyx import api
from pnyx_comments.debates.models import Debate
from pnyx_comments.models import Comment


@pytest.fixture
def debates(make_component) -> api.Component:
    return make_component("comments_debates")


@pytest.fixture
def urls(debates) -> dict[str, str]:
    public = f"/spaces/{debates.space.slug}/comments_debates/{debates.id}/"
    admin = f"/admin/spaces/{debates.space.slug}/comments_debates/{debates.id}/"
    return {"public": public, "admin": admin}


def add_debate(session, component, **values) -> Debate:
    debate = Debate(
        component_id=component.id,
        title={"fr": values.pop("title", "Un débat"), "en": "A debate"},
        framing={"fr": "La question", "en": "The question"},
        **values,
    )
    session.add(debate)
    session.commit()
    return debate


def test_staff_open_a_debate_in_every_language(client, make_user, urls, session, debates) -> None:
    client.sign_in(make_user(email="admin@example.test", roles=["admin"]))
    assert client.get(urls["admin"] + "new").status_code == 200
    answer = client.post_form(
        urls["admin"] + "new",
        {
            "title.fr": "Piétons le samedi ?",
            "title.en": "Car-free Saturdays?",
            "framing.fr": "**Pour** ou contre ?",
            "framing.en": "For or against?",
            "opens_on": "",
            "closes_on": "",
        },
    )
    assert answer.status_code == 302
    debate = session.scalars(select(Debate)).one()
    assert debate.official and debate.title["en"] == "Car-free Saturdays?"
    text = client.get(f"{urls['public']}{debate.id}").text
    assert "Car-free Saturdays?" in text and 'id="comments"' in text


def test_dates_in_order(client, make_user, urls) -> None:
    client.sign_in(make_user(email="admin@example.test", roles=["admin"]))
    data = {"title.fr": "T", "framing.fr": "F", "opens_on": "2026-05-02", "closes_on": "2026-05-01"}
    assert client.post_form(urls["admin"] + "new", data).status_code == 400


def test_residents_open_debates_only_when_the_phase_allows(
    client, make_user, urls, session, debates
) -> None:
    client.sign_in(make_user(email="r@example.test"))
    assert client.get(urls["public"] + "new").status_code == 403
    debates.settings = {"default_step": {"creation_enabled": True}}
    session.commit()
    data = {"title.fr": "Un banc", "framing.fr": "Où mettre un banc ?"}
    assert client.post_form(urls["public"] + "new", data).status_code == 302
    debate = session.scalars(select(Debate)).one()
    assert not debate.official


def test_closing_with_a_conclusion_stops_comments_and_links(
    client, make_user, urls, session, debates, make_component
) -> None:
    debate = add_debate(session, debates)
    post = f"/comments/comments_debate/{debate.id}"
    resident = make_user(email="r@example.test")
    client.sign_in(resident)
    assert client.post_form(post, {"body": "I agree", "alignment": "for"}).status_code == 302
    client.sign_in(make_user(email="admin@example.test", roles=["admin"]))
    close = f"{urls['admin']}{debate.id}/close"
    assert client.get(close).status_code == 200
    answer = client.post_form(
        close, {"conclusion.fr": "On essaie.", "conclusion.en": "We try.", "proposal_ids": "999"}
    )
    assert answer.status_code == 302
    session.expire_all()
    assert session.get(Debate, debate.id).closed
    client.sign_in(resident)
    page = client.get(f"{urls['public']}{debate.id}").text
    assert "We try." in page and "I agree" in page and "1 in favour" in page
    assert client.post_form(post, {"body": "Too late"}).status_code == 403
    assert session.scalar(select(Comment).where(Comment.body == "Too late")) is None


def test_a_debate_before_its_dates_takes_no_comment(client, make_user, session, debates) -> None:
    debate = add_debate(session, debates, opens_on=dt.date.today() + dt.timedelta(days=2))
    client.sign_in(make_user(email="r@example.test"))
    assert (
        client.post_form(f"/comments/comments_debate/{debate.id}", {"body": "x"}).status_code == 403
    )


def test_the_list_filters_and_counts(client, make_user, urls, session, debates) -> None:
    open_one = add_debate(session, debates, title="Ouvert")
    add_debate(session, debates, title="Fermé", closed_at=api.utcnow())
    for email in ("a@example.test", "b@example.test"):
        client.sign_in(make_user(email=email))
        client.post_form(f"/comments/comments_debate/{open_one.id}", {"body": "hello"})
        client.post_form(f"/comments/comments_debate/{open_one.id}", {"body": "again"})
    text = client.get(urls["public"]).text
    assert "2 debates" in text and "4 comments" in text and "2 participants" in text
    only_open = client.get(urls["public"] + "?state=open").text
    assert "1 debate" in only_open and "Closed</span>" not in only_open
    assert "1 debate" in client.get(urls["public"] + "?state=closed").text


def test_the_demo_writes_conversations(app, session, make_component, proposal) -> None:
    from pnyx_comments.seed import seed_demo_comments

    debates = make_component("comments_debates")
    from pnyx_comments.debates.seed import seed

    seed(session, debates)
    session.commit()
    with app.app_context():
        written = seed_demo_comments()
        assert written > 0 and seed_demo_comments() == 0
    on_proposal = select(Comment).where(Comment.resource_type == "proposals_proposal")
    assert len(session.scalars(on_proposal).all()) == written
