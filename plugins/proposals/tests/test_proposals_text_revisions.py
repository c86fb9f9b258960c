"""A participatory text revised after publication: staff import the council's new draft, check
how its articles match the published ones, and publish it as the next version. Matched articles
keep their proposal (amendments, comments); new ones become proposals; removed ones are
withdrawn, not deleted; the reading page shows what changed. A bad file loses nothing."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx.testing.concurrency import post_at_once
from pnyx_proposals.amendments.models import Amendment
from pnyx_proposals.models import Proposal
from pnyx_proposals.texts import revisions
from pnyx_proposals.texts.models import ARTICLE, TextItem, TextVersion

from .test_proposals_texts import MARKDOWN, upload

ACTION_LOG = api.Model.metadata.tables["action_log"]

#: The council's revision of MARKDOWN: article 1 changed, a new article 2 (the buses become
#: article 3, same text), article 3 on rents removed, a new article 4.
REVISED = """# Appel à Changer Lyon

## Title I — Mobility

### Article 1 — Bicycles

Every street gets a **safe** and separated bicycle lane.

### Article 2 — Night buses

Night buses run until two in the morning.

### Article 3 — Buses

Buses run every ten minutes.

## Title II — Housing

### Article 4 — Cooperatives

Housing cooperatives get land.
"""


@pytest.fixture
def published(client: PnyxClient, session: Session, text_admin: str, staff: api.User):
    """Version 1 published: ``{title: proposal}`` of its three articles."""
    upload(client, text_admin, "appel.md", MARKDOWN.encode(), "Appel à Changer Lyon")
    client.post_form(f"{text_admin}/publish")
    return {p.title: p for p in session.scalars(select(Proposal))}


def proposal_titled(session: Session, title: str) -> Proposal:
    return session.scalars(select(Proposal).where(Proposal.title == title)).one()


def test_a_revised_text_becomes_the_next_version_and_keeps_the_articles_history(
    client: PnyxClient,
    session: Session,
    url: str,
    text_admin: str,
    published: dict[str, Proposal],
    staff: api.User,
    make_user: Callable[..., api.User],
    set_settings: Callable[..., None],
) -> None:
    buses = published["Article 2 — Buses"]
    rents = published["Article 3 — Rents"]
    set_settings(step={"amendments_enabled": True})
    client.sign_in(make_user(name="Rosa"))
    change = {"title": buses.title, "body": "Buses run every five minutes."}
    assert client.post_form(f"{url}{buses.id}/amend", change).status_code == 302
    client.sign_in(staff)

    form = {
        "title": "Appel (council draft)",
        "import_note": "The council's revised draft.",
        "file": (io.BytesIO(REVISED.encode()), "revised.md"),
    }
    response = client.post_form(f"{text_admin}/import", form)
    assert response.status_code == 302
    preview = client.get(text_admin).text
    assert "Compared with version 1:" in preview and "Publish version 2" in preview
    assert preview.count('<span class="badge">New</span>') == 2
    assert preview.count('<span class="badge">Changed</span>') == 2  # bicycles, buses' title
    assert "Withdrawn: not in the file" in preview and "Article 3 — Rents" in preview
    # Nothing changes until staff publish: residents still read version 1.
    session.expire_all()
    assert rents.withdrawn_at is None and buses.title == "Article 2 — Buses"
    assert "Version 1" in client.get(f"{url}text/").text

    assert client.post_form(f"{text_admin}/publish").status_code == 302
    session.expire_all()
    assert buses.title == "Article 3 — Buses" and buses.version == 2
    assert published["Article 1 — Bicycles"].body.startswith("Every street gets a **safe** and")
    assert rents.withdrawn_at is not None  # withdrawn, never deleted
    assert session.scalars(select(Amendment)).one().proposal_id == buses.id
    new = ["Article 2 — Night buses", "Article 4 — Cooperatives"]
    assert all(proposal_titled(session, title).authorship == "official" for title in new)
    versions = session.scalars(select(TextVersion).order_by(TextVersion.number)).all()
    assert [(v.number, v.source, v.is_published) for v in versions] == [
        (1, "markdown", True),
        (2, "markdown", True),
    ]

    client.sign_out()
    reading = client.get(f"{url}text/").text
    assert "Version 2" in reading and "Appel (council draft)" in reading
    assert "revised draft." in reading.split("What changed in this version")[1]
    assert reading.count("New in this version") == 2
    assert reading.count("Changed in this version") == 2
    assert "Withdrawn in this version" in reading and f'href="{url}{rents.id}/"' in reading
    assert reading.count("1 amendment") == 1  # the buses article kept its amendment
    assert "Article 3 — Rents" in client.get(f"{url}text/versions/1").text
    article = client.get(f"{url}{rents.id}/").text
    assert "It was withdrawn from a later version." in article and "version 1" in article


def test_a_snapshot_after_a_revision_carries_every_current_article(
    client: PnyxClient, session: Session, text_admin: str, published: dict[str, Proposal]
) -> None:
    upload(client, text_admin, "revised.md", REVISED.encode())
    # While a revision waits, a snapshot is refused (two next versions would compete).
    client.post_form(f"{text_admin}/versions", {"note": ""})
    assert len(session.scalars(select(TextVersion)).all()) == 2
    client.post_form(f"{text_admin}/publish")
    # An amendment accepted since the revision (a snapshot repeating version 2 is refused).
    proposal_titled(session, "Article 3 — Buses").body = "Buses every five minutes."
    session.commit()
    client.post_form(f"{text_admin}/versions", {"note": "Snapshot."})
    latest = session.scalars(select(TextVersion).where(TextVersion.number == 3)).one()
    assert [item.title for item in latest.items if item.is_article] == [
        "Article 1 — Bicycles",
        "Article 2 — Night buses",
        "Article 3 — Buses",
        "Article 4 — Cooperatives",
    ]


def test_a_bad_revised_file_is_refused_and_nothing_is_lost(
    client: PnyxClient, session: Session, url: str, text_admin: str, published: dict
) -> None:
    response = upload(client, text_admin, "council.docx", b"not a document", "Council draft")
    assert response.status_code == 400
    assert "not a valid Word (.docx) document" in response.text
    assert 'value="Council draft"' in response.text and 'aria-invalid="true"' in response.text
    response = upload(client, text_admin, "empty.md", b"", "Council draft")
    assert response.status_code == 400 and "The file is empty." in response.text
    assert len(session.scalars(select(TextVersion)).all()) == 1
    assert all(p.withdrawn_at is None for p in session.scalars(select(Proposal)))

    upload(client, text_admin, "revised.md", REVISED.encode())
    client.post_form(f"{text_admin}/discard")  # staff change their mind: version 1 untouched
    assert len(session.scalars(select(TextVersion)).all()) == 1
    assert "Article 3 — Rents" in client.get(f"{url}text/").text


@pytest.mark.parametrize("role", ["resident", "moderator"])
def test_only_text_managers_import_a_revision(
    client: PnyxClient,
    component: api.Component,
    text_admin: str,
    published: dict,
    make_user: Callable[..., api.User],
    role: str,
) -> None:
    roles = {"moderator": {component.space: "moderator"}}.get(role, {})
    client.sign_in(make_user(space_roles=roles))
    response = upload(client, text_admin, "revised.md", REVISED.encode())
    assert response.status_code == 403


def items(*titles: str, bodies: tuple[str, ...] = ()) -> list[TextItem]:
    return [
        TextItem(kind=ARTICLE, title=title, body=(bodies[n] if bodies else f"text {title}"))
        for n, title in enumerate(titles)
    ]


def test_matching_pairs_only_what_is_unambiguous() -> None:
    old = items("Article 1 — Parks", "Art. 3", "Preamble", "Article 7 — A", "Article 7 — B")
    for n, item in enumerate(old, start=10):
        item.proposal_id = n
    new = items("Article 1 — Parks and gardens", "Article 3 — Bus lanes", "Intro", "Article 7")
    new[2].body = "text Preamble"  # the heading was rewritten, the text was not
    revisions.match(old, new)
    # By number, by body; two published articles 7: the new article 7 pairs with neither.
    assert [item.proposal_id for item in new] == [10, 11, 12, None]


def test_the_same_number_on_an_unlike_article_is_a_new_article() -> None:
    [rents] = items("Article 3 — Rents", bodies=("Rents are capped in tense areas.",))
    rents.proposal_id = 7
    new = items(
        "Article 3 — Sidewalks",
        "Article 4 — Rent",
        bodies=("Sidewalks are widened near schools.", "Something else entirely."),
    )
    revisions.match([rents], new)
    assert [item.proposal_id for item in new] == [None, None]
    revised = items("Article 3 — Rent caps", bodies=("Rents are capped in all tense areas.",))
    revisions.match([rents], revised)
    assert revised[0].proposal_id == 7  # a new heading, the same provision revised


def test_numbers_are_read_from_common_headings() -> None:
    def number(title: str) -> str:
        return revisions._number(TextItem(kind=ARTICLE, title=title, body=""))

    assert number("Article 12 bis — Rents") == "12 bis"
    assert number("Art. 4: Buses") == "4"
    assert number("7. Parks") == "7"
    assert number("Article IV") == "iv"
    assert number("I love bikes") == "" and number("Preamble") == ""


def test_two_staff_publishing_the_revision_at_once_publish_it_once(
    app: Flask,
    client: PnyxClient,
    session: Session,
    text_admin: str,
    published: dict,
    staff: api.User,
    make_user: Callable[..., api.User],
    detached: None,
) -> None:
    upload(client, text_admin, "revised.md", REVISED.encode())
    other = make_user(roles=["admin"])
    path = f"{text_admin}/publish"
    assert post_at_once(app, [(staff, path, {}), (other, path, {})]) == [302, 302]
    session.rollback()  # a new snapshot (SQLite's WAL keeps the one a read began)
    assert len(session.scalars(select(Proposal)).all()) == 5  # 3, then 2 new ones: once
    assert len(session.scalars(select(TextVersion)).all()) == 2
    withdrawn = select(ACTION_LOG.c.id).where(ACTION_LOG.c.action == "proposals.withdrawn")
    assert len(session.execute(withdrawn).all()) == 1
