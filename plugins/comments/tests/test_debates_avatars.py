"""Avatars in debates, as in comments (issue 19 item 4): the list and the debate's page show the
resident who opened it with their picture (alt empty: the name is beside it) or their initials
(hidden from screen readers); an organization or the city staff show none. The list reads the
authors in one statement, whatever its length."""

from __future__ import annotations

import io

import pytest

from pnyx import api
from pnyx.models import UserGroup
from pnyx.testing.files import png
from pnyx_comments.debates.models import Debate


@pytest.fixture
def pnyx_config() -> dict[str, object]:
    # The anonymous list is counted: it must be rendered, not served from the page cache.
    return {"PAGE_CACHE_MB": 0}


@pytest.fixture
def debates(make_component) -> api.Component:
    return make_component("comments_debates")


@pytest.fixture
def list_url(debates) -> str:
    return f"/spaces/{debates.space.slug}/comments_debates/{debates.id}/"


def add_debate(session, component, title: str, **values) -> Debate:
    debate = Debate(
        component_id=component.id, title={"fr": title, "en": title}, framing={}, **values
    )
    session.add(debate)
    session.commit()
    return debate


def test_the_list_and_the_debate_show_the_authors_avatar(
    client, session, make_user, debates, list_url
) -> None:
    ada = make_user(name="Ada Lovelace")
    client.sign_in(ada)
    form = {"nickname": "", "avatar": (io.BytesIO(png()), "me.png"), "avatar_alt": "Ada"}
    client.post_form("/account/profile", form, content_type="multipart/form-data")
    picture = api.attachments.cover("user", ada.id)
    add_debate(session, debates, "With a picture", author_id=ada.id)
    grace = add_debate(session, debates, "Initials", author_id=make_user(name="Grace Hopper").id)
    client.sign_out()
    image = f'<img class="avatar avatar-small" src="/files/{picture.key}/small" alt=""'
    initials = '<span class="avatar avatar-small avatar-initials" aria-hidden="true">GH</span>'
    listing = client.get(list_url).text
    assert image in listing and initials in listing
    assert initials + "Grace Hopper" in client.get(f"{list_url}{grace.id}").text
    debate = session.query(Debate).filter_by(author_id=ada.id).one()
    assert image in client.get(f"{list_url}{debate.id}").text


def test_organizations_and_staff_debates_show_no_avatar(
    client, session, make_user, debates, list_url
) -> None:
    staff = make_user(name="Staff Person", roles=["admin"])
    group = UserGroup(name="Amis du Rhône", kind="association", description={})
    session.add(group)
    session.commit()
    add_debate(session, debates, "Official", author_id=staff.id, official=True)
    add_debate(session, debates, "For a group", author_id=staff.id, user_group_id=group.id)
    text = client.get(list_url).text
    assert "Amis du Rhône" in text and 'class="avatar' not in text


def test_the_list_reads_its_authors_in_one_statement(
    session, make_user, debates, list_url, count_queries
) -> None:
    def add_some(count: int) -> None:
        for number in range(count):
            author = make_user(name=f"Resident {number}")
            author.avatar_key = f"key{author.id}"  # a picture each: no query per name
            add_debate(session, debates, f"Debate {number}", author_id=author.id)

    add_some(1)
    with_one = count_queries(list_url)
    add_some(14)
    assert count_queries(list_url) == with_one
