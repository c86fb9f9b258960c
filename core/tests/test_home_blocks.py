"""Staff compose the home page from blocks (issue 18 item 6)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pnyx.models import ActionLog, HomePageBlock
from pnyx.testing.submissions import sent_twice


@pytest.fixture
def admin(client, make_user, make_organization):
    make_organization()
    user = make_user(roles=["admin"])
    client.sign_in(user)
    return user


def placed(session) -> list[str]:
    query = select(HomePageBlock.block).order_by(HomePageBlock.position)
    return list(session.scalars(query))


HERO = {
    "block": "hero",
    "title.fr": "Budget participatif 2027",
    "title.en": "Participatory budget 2027",
    "text.fr": "Votez pour **vos** projets.",
    "button_label.fr": "Je vote",
    "button_link": "/spaces/budget-2027",
}


def test_home_page_shows_the_default_blocks_until_staff_compose_it(
    client, session, make_space, admin
) -> None:
    make_space(title={"fr": "Concertation ouverte", "en": "Open consultation"})
    page = client.get("/admin/home").text
    assert "This is the default home page." in page and "Spaces by state" in page
    assert placed(session) == []  # reading the admin page stores nothing
    assert "Open consultation" in client.get("/").text


def test_staff_add_a_hero_put_it_first_and_remove_the_spaces(
    client, session, make_space, admin
) -> None:
    make_space(title={"fr": "Concertation ouverte", "en": "Open consultation"})
    added = client.post_form("/admin/home/blocks", {"block": "hero"})
    assert added.headers["Location"].endswith("/admin/home/blocks/1")  # its settings
    assert placed(session) == ["spaces", "hero"]
    form = client.get("/admin/home/blocks/1")
    assert form.status_code == 200 and "Button link" in form.text
    assert client.post_form("/admin/home/blocks/1", HERO).status_code == 302
    client.post_form("/admin/home/blocks/1/move", {"block": "hero", "direction": "up"})
    assert placed(session) == ["hero", "spaces"]
    home = client.get("/", headers={"Accept-Language": "fr"}).text
    assert "Budget participatif 2027" in home and "<strong>vos</strong>" in home
    assert '<a class="button" href="/spaces/budget-2027">Je vote</a>' in home
    assert home.index("Budget participatif 2027") < home.index("Concertation ouverte")
    asked = client.post_form("/admin/home/blocks/1/delete", {"block": "spaces"})
    assert "Yes, remove the block" in asked.text and placed(session) == ["hero", "spaces"]
    done = client.post_form("/admin/home/blocks/1/delete", {"block": "spaces", "confirmed": "yes"})
    assert done.status_code == 302 and placed(session) == ["hero"]
    assert "Concertation ouverte" not in client.get("/", headers={"Accept-Language": "fr"}).text
    actions = session.scalars(
        select(ActionLog.action).where(ActionLog.action.like("pnyx.home.%")).order_by(ActionLog.id)
    )
    assert list(actions) == [
        "pnyx.home.add",
        "pnyx.home.update",
        "pnyx.home.move",
        "pnyx.home.remove",
    ]


@pytest.mark.parametrize("link", ["javascript:alert(1)", "//evil.example", "data:text/html,x"])
def test_a_call_to_action_leads_to_this_site_or_a_web_page(client, session, admin, link) -> None:
    client.post_form("/admin/home/blocks", {"block": "hero"})
    refused = client.post_form("/admin/home/blocks/1", {**HERO, "button_link": link})
    assert refused.status_code == 400
    assert "Write an address of this site starting with / or a web address." in refused.text


def test_a_stale_form_does_not_change_another_block(client, session, admin) -> None:
    client.post_form("/admin/home/blocks", {"block": "hero"})
    stale = client.post_form("/admin/home/blocks/0/move", {"block": "hero", "direction": "down"})
    assert stale.status_code == 302 and placed(session) == ["spaces", "hero"]
    assert "The home page changed meanwhile" in client.get("/admin/home").text


def test_unknown_blocks_are_refused_and_skipped(client, session, admin, make_space) -> None:
    client.post_form("/admin/home/blocks", {"block": "nowhere.block"})
    assert "Choose a block from the list." in client.get("/admin/home").text
    # A block of a plugin that is no longer enabled stays stored and is not drawn.
    session.add_all(
        [HomePageBlock(block="gone.block", position=0), HomePageBlock(block="spaces", position=1)]
    )
    session.commit()
    assert client.get("/").status_code == 200
    assert "gone.block (its plugin is not enabled)" in client.get("/admin/home").text
    assert client.get("/admin/home/blocks/0").status_code == 404
    assert client.get("/admin/home/blocks/5").status_code == 404
    done = client.post_form(
        "/admin/home/blocks/0/delete", {"block": "gone.block", "confirmed": "yes"}
    )
    assert done.status_code == 302 and placed(session) == ["spaces"]


def test_blocks_need_an_admin(client, make_user) -> None:
    client.sign_in(make_user())
    assert client.get("/admin/home").status_code == 403
    assert client.post_form("/admin/home/blocks", {"block": "hero"}).status_code == 403


def test_the_add_button_clicked_twice_adds_one_block(client, session, admin) -> None:
    """A double click, or a resend on a slow line (api.submissions, docs/forms.md)."""
    first, _again = sent_twice(
        client, "/admin/home", {"block": "hero"}, action="/admin/home/blocks"
    )
    assert first.location == "/admin/home/blocks/1"  # the hero's settings, after the default
    assert placed(session) == ["spaces", "hero"]
    client.post_form("/admin/home/blocks", {"block": "hero"})  # a new click: a second hero
    assert placed(session) == ["spaces", "hero", "hero"]
