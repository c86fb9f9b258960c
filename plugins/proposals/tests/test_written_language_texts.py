"""The language of staff's participatory texts and of collaborative drafts' saved versions
(WCAG 3.1.2, language of parts): a text is imported in a language staff choose, its articles
(proposals), their comments pages and amendments' diffs are marked with it; a draft's version
keeps the language it was written in and a comparison marks each side with its own."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api, migrate
from pnyx.app import create_app
from pnyx.db import get_database, get_session
from pnyx.testing import PnyxClient
from pnyx.testing.database import fresh_database
from pnyx.testing.factories import create_component, create_space
from pnyx_comments.models import Comment
from pnyx_proposals.drafts.models import CollaborativeDraft, DraftCollaborator, DraftRevision
from pnyx_proposals.models import Proposal
from pnyx_proposals.texts.models import TextItem, TextVersion

TEXT = """# Titulu I — A muvità

## Articulu 1 — E biciclette

Ogni strada hà una pista ciclabile sicura.

## Articulu 2 — I bus

I bus passanu ogni dece minuti.
"""
TITLE = "Chjama à cambià a cità"
REFUSED = "Choisissez la langue de votre texte dans la liste."
pytestmark = pytest.mark.usefixtures("bilingual")


@pytest.fixture
def pnyx_plugins() -> list[str]:
    """Comments too: an article's comments pages say the article's language."""
    return ["proposals", "comments"]


def reading(client: PnyxClient, language: str) -> PnyxClient:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    return client


def import_text(client: PnyxClient, text_admin: str, language: str, text: str = TEXT):
    form = {"title": TITLE, "language": language, "file": (io.BytesIO(text.encode()), "t.md")}
    return client.post_form(f"{text_admin}/import", form)


def marks(diff: str, tag: str) -> list[str]:
    """The ``lang`` attributes of the words inside each ``<del>`` or ``<ins>`` of a diff."""
    found = []
    for part in diff.split(f"<{tag}>")[1:]:
        words = part.split(f"</{tag}>")[0].split("</span>", 1)[1]  # after the hidden label
        if words.startswith("<span lang="):
            found.append(words.split(">")[0].removeprefix("<span "))
    return found


@pytest.fixture
def corsican_text(
    bilingual: api.Organization, client: PnyxClient, text_admin: str, staff: api.User
) -> None:
    """TEXT imported in Corsican and published by ``staff`` (signed in), the client reading
    French pages (the organization offers Corsican before the component is made)."""
    reading(client, "fr")
    assert import_text(client, text_admin, "co").status_code == 302
    assert client.post_form(f"{text_admin}/publish").status_code == 302


def draft_made_corsican(client: PnyxClient, session: Session, url: str) -> CollaborativeDraft:
    """A draft the signed-in person writes in French (version 1), then saves in Corsican
    (version 2)."""
    first = {"title": "Un abri", "body": "Un abri pour les jeunes.", "language": "fr"}
    assert client.post_form(f"{url}drafts/new", first).status_code == 302
    draft = session.scalars(select(CollaborativeDraft)).one()
    second = {"title": "Un abri", "body": "Un abri per i ghjovani.", "language": "co"}
    assert (
        client.post_form(f"{url}drafts/{draft.id}/edit", {**second, "version": "1"}).status_code
        == 302
    )
    return draft


def article(session: Session, number: int) -> Proposal:
    session.expire_all()
    query = select(Proposal).where(Proposal.title.startswith(f"Articulu {number}"))
    return session.scalars(query).one()


def test_staff_import_a_text_in_corsican_and_its_articles_are_marked_on_french_pages(
    client: PnyxClient, session: Session, url: str, text_admin: str, staff: api.User
) -> None:
    form = reading(client, "fr").get(text_admin).text
    assert '<label for="language">Langue du texte</label>' in form
    assert '<option value="fr" lang="fr" selected>' in form

    refused = import_text(client, text_admin, "de")
    assert refused.status_code == 400 and REFUSED in refused.text
    assert f'value="{TITLE}"' in refused.text  # the title typed is kept
    assert session.scalar(select(TextVersion)) is None

    assert import_text(client, text_admin, "co").status_code == 302
    version = session.scalars(select(TextVersion)).one()
    assert version.language == "co"
    assert {item.language for item in version.items} == {"co"}
    pending = client.get(text_admin).text
    assert f'<span lang="co">{TITLE}</span>' in pending
    assert '<span lang="co">Titulu I — A muvità</span></strong>' in pending
    assert client.post_form(f"{text_admin}/publish").status_code == 302
    first = article(session, 1)
    assert first.language == "co"

    page = client.get(f"{url}text/").text
    assert f'<h1 id="text-title"><span lang="co">{TITLE}</span></h1>' in page
    assert '<span lang="co">Articulu 1 — E biciclette</span></h3>' in page
    assert '<div class="proposal-body" lang="co">' in page
    proposal_page = client.get(f"{url}{first.id}/").text
    assert '<div class="proposal-body" lang="co">' in proposal_page
    notice = proposal_page.split('<p class="notice" role="note">')[1].split("</p>")[0]
    assert f'<span lang="co">{TITLE}</span>' in notice  # "An article of the text …"

    in_corsican = reading(client, "co").get(f"{url}text/").text
    assert 'lang="co"' not in in_corsican.split('id="text-title"')[1]


@pytest.mark.usefixtures("corsican_text")
def test_an_articles_comments_pages_say_its_language(client: PnyxClient, session: Session) -> None:
    first = article(session, 1)
    post = f"/comments/proposals_proposal/{first.id}"
    assert client.post_form(post, {"body": "D'accord.", "language": "fr"}).status_code == 302
    comment = session.scalars(select(Comment)).one()
    history = client.get(f"/comments/{comment.id}/history").text
    assert '<span lang="co">Articulu 1 — E biciclette</span>' in history
    refused = client.post_form(post, {"body": "", "language": "fr"})  # drawn again: its title
    assert refused.status_code == 422
    assert '<span lang="co">Articulu 1 — E biciclette</span>' in refused.text


def test_an_amendment_to_a_corsican_article_marks_each_side_and_versions_follow(
    client: PnyxClient,
    session: Session,
    url: str,
    text_admin: str,
    staff: api.User,
    make_user: Callable[..., api.User],
    set_settings: Callable[..., None],
    corsican_text: None,
) -> None:
    set_settings(step={"amendments_enabled": True})
    buses = article(session, 2)
    client.sign_in(make_user(name="Rosa"))
    french = {"title": buses.title, "body": "Les bus passent toutes les cinq minutes."}
    sent = client.post_form(f"{url}{buses.id}/amend", {**french, "language": "fr"})
    assert sent.status_code == 302, sent.text
    page = client.get(sent.location).text
    body_diff = page.split('id="body-diff"')[1].split("</div>")[0]
    # The amendment is French (the page's): its container is not marked, the Corsican words
    # it removes are.
    assert 'lang="co"' not in body_diff.split(">")[0]
    assert marks(body_diff, "del") == ['lang="co"'] * body_diff.count("<del>")
    assert marks(body_diff, "ins") == [] and body_diff.count("<ins>")

    client.sign_in(staff)
    accept = f"{sent.location}accept"
    assert client.post_form(accept, {"version": str(buses.version)}).status_code == 302
    assert article(session, 2).language == "fr"
    assert client.post_form(f"{text_admin}/versions", {"note": ""}).status_code == 302
    session.expire_all()
    latest = session.scalars(select(TextVersion).where(TextVersion.number == 2)).one()
    languages = {item.title: item.language for item in latest.items}
    assert languages["Articulu 2 — I bus"] == "fr"  # the amendment's language
    assert languages["Articulu 1 — E biciclette"] == "co"
    assert latest.language == "co"
    text = reading(client, "co").get(f"{url}text/").text  # the Corsican page: the French one
    assert '<div class="proposal-body" lang="fr">' in text
    changed = text.split('<div class="proposals-diff" lang="fr">')[1].split("</div>")[0]
    assert marks(changed, "del") == ['lang="co"'] * changed.count("<del>")


@pytest.mark.usefixtures("corsican_text")
def test_a_revised_text_gives_its_language_to_the_matched_articles(
    client: PnyxClient, session: Session, text_admin: str
) -> None:
    revision_form = client.get(text_admin).text
    assert '<option value="co" lang="co" selected>' in revision_form  # the published one's
    french = TEXT.replace("Ogni strada hà", "Chaque rue a")
    assert import_text(client, text_admin, "fr", french).status_code == 302
    assert client.post_form(f"{text_admin}/publish").status_code == 302
    assert article(session, 1).language == "fr"
    items = session.scalars(select(TextItem).join(TextVersion).where(TextVersion.number == 2))
    assert {item.language for item in items} == {"fr"}


def test_a_drafts_versions_keep_their_language_and_a_comparison_marks_each_side(
    client: PnyxClient,
    session: Session,
    url: str,
    make_user: Callable[..., api.User],
    set_settings: Callable[..., None],
) -> None:
    set_settings(global_={"collaborative_drafts_enabled": True})
    reading(client, "fr").sign_in(make_user(name="Ada"))
    draft = draft_made_corsican(client, session, url)
    third = {"title": "Un abri", "body": "Un abri per i ghjovani è i vechji.", "version": "2"}
    assert client.post_form(f"{url}drafts/{draft.id}/edit", third).status_code == 302  # kept
    session.expire_all()
    query = select(DraftRevision.language).order_by(DraftRevision.number)
    assert list(session.scalars(query)) == ["fr", "co", "co"]

    compared = client.get(f"{url}drafts/{draft.id}/compare?from=1&to=2").text
    body = compared.split('<div class="proposals-diff" lang="co">')[1].split("</div>")[0]
    assert marks(body, "del") == ['lang="fr"'] * body.count("<del>")  # removed: French
    assert marks(body, "ins") == [] and body.count("<ins>")  # added: the container's
    same_language = client.get(f"{url}drafts/{draft.id}/compare?from=2&to=3").text
    assert '<span lang="fr">' not in same_language.split('class="proposals-diff"')[2]
    back = reading(client, "co").get(f"{url}drafts/{draft.id}/compare?from=1&to=2").text
    assert '<div class="proposals-diff">' in back  # read in Corsican: only French is marked
    assert '<span lang="fr">pour</span>' in back


def test_a_conflict_marks_the_saved_version_and_the_persons_text_each_in_its_language(
    client: PnyxClient,
    session: Session,
    url: str,
    make_user: Callable[..., api.User],
    set_settings: Callable[..., None],
) -> None:
    set_settings(global_={"collaborative_drafts_enabled": True})
    ada, bob = make_user(name="Ada"), make_user(name="Bob")
    reading(client, "fr").sign_in(ada)
    draft = draft_made_corsican(client, session, url)
    session.add(DraftCollaborator(draft_id=draft.id, user_id=bob.id, status="accepted"))
    session.commit()
    client.sign_in(bob)  # opened version 1 too, writes in French
    french = {"title": "Un abri", "body": "Un abri pour les jeunes du quartier.", "language": "fr"}
    stale = client.post_form(f"{url}drafts/{draft.id}/edit", {**french, "version": "1"})
    assert stale.status_code == 409
    diff = stale.text.split('<div class="proposals-diff"')[1].split("</div>")[0]
    assert diff.startswith(">")  # Bob's French text: the page's language, not marked
    assert marks(diff, "del") == ['lang="co"'] * diff.count("<del>")  # Ada's Corsican words
    assert marks(diff, "ins") == [] and diff.count("<ins>")


def test_the_migration_gives_saved_versions_their_drafts_language(
    database_url: str, tmp_path: Path
) -> None:
    """proposals_0009 on a database holding a Corsican draft saved before it."""
    with fresh_database(database_url, tmp_path / "db") as url:
        app = create_app(
            {"DATABASE_URL": url, "INSTANCE_PATH": str(tmp_path), "PLUGINS": "proposals"}
        )
        migrate.upgrade(app)
        with app.app_context():
            session = get_session()
            component = create_component(session, create_space(session), "proposals")
            draft = CollaborativeDraft(
                component_id=component.id, title="Un abri", body="Per i ghjovani.", language="co"
            )
            session.add(draft)
            session.flush()
            session.add(DraftRevision(draft_id=draft.id, number=1, title="Un abri", body="…"))
            session.commit()
        migrate.downgrade(app, "proposals", "proposals_0008")
        migrate.upgrade(app)
        with app.app_context():
            assert get_session().scalar(select(DraftRevision.language)) == "co"
            assert migrate.schema_drift(app, "proposals") == []
        get_database(app).engine.dispose()
