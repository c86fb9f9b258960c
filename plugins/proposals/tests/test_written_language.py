"""The language residents write proposals, collaborative drafts and amendments in
(``api.read_written_language``): chosen on the form among the organization's languages, and
marked with ``lang`` on pages read in another language (WCAG 3.1.2, language of parts). The CSV
importer's ``language`` column: ``test_written_language_import.py``."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask, url_for
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_proposals import exports, links, merge, search
from pnyx_proposals.amendments.models import Amendment
from pnyx_proposals.drafts.models import CollaborativeDraft
from pnyx_proposals.models import RESOURCE, Proposal

TITLE = "Pista ciclabile in Aiacciu"
BODY = "Fà una pista ciclabile longu à u mare, da a cità finu à a spiaggia."
REFUSED = "Choisissez la langue de votre texte dans la liste."
pytestmark = pytest.mark.usefixtures("bilingual")


@pytest.fixture
def ada(make_user: Callable[..., api.User], client: PnyxClient) -> api.User:
    """A resident, signed in on ``client``."""
    person = make_user(name="Ada")
    client.sign_in(person)
    return person


def reading(client: PnyxClient, language: str) -> PnyxClient:
    """The pages ``client`` asks for from now on are in ``language``."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    return client


def only(session: Session, model: type) -> object:
    session.expire_all()
    [row] = session.scalars(select(model)).all()
    return row


def test_the_form_offers_the_organization_languages(
    client: PnyxClient, url: str, ada: api.User
) -> None:
    page = reading(client, "fr").get(f"{url}new").text

    assert '<select id="language" name="language"' in page
    assert '<option value="fr" lang="fr" selected>' in page
    assert '<option value="co" lang="co">' in page
    assert '<option value="en"' not in page


def test_a_proposal_written_in_corsican_is_marked_where_the_page_is_french(
    client: PnyxClient, session: Session, url: str, ada: api.User
) -> None:
    form = {"title": TITLE, "body": BODY, "language": "co", "intent": "publish"}
    assert reading(client, "fr").post_form(f"{url}new", form).status_code == 302

    proposal = only(session, Proposal)
    assert proposal.language == "co"
    show = client.get(f"{url}{proposal.id}/").text
    assert f'<h1 id="proposal-title"><span lang="co">{TITLE}</span></h1>' in show
    assert '<div class="proposal-body" lang="co">' in show
    assert f"<title>{TITLE} · " in show  # the page's title stays plain text
    listing = client.get(url).text
    assert f'<span lang="co">{TITLE}</span></a></h3>' in listing
    assert '<p lang="co">Fà una pista' in listing  # the excerpt
    assert f'<span lang="co">{TITLE}</span></a>' in client.get("/").text  # the home block

    reading(client, "co")
    show = client.get(f"{url}{proposal.id}/").text
    assert f'<h1 id="proposal-title">{TITLE}</h1>' in show
    assert '<div class="proposal-body">' in show
    assert '<span lang="co">' not in show
    assert '<span lang="co">' not in client.get(url).text


def test_a_proposal_without_a_known_language_is_not_marked(
    client: PnyxClient, url: str, add_proposal: Callable[..., Proposal]
) -> None:
    proposal = add_proposal(TITLE, body=BODY)  # written before languages were kept: ''
    show = reading(client, "fr").get(f"{url}{proposal.id}/").text
    assert f'<h1 id="proposal-title">{TITLE}</h1>' in show
    assert '<div class="proposal-body">' in show


def test_a_language_not_offered_is_refused_next_to_the_field_with_the_text_kept(
    client: PnyxClient, session: Session, url: str, ada: api.User
) -> None:
    form = {"title": TITLE, "body": BODY, "language": "de", "intent": "publish"}
    response = reading(client, "fr").post_form(f"{url}new", form)

    assert response.status_code == 400
    page = response.text
    assert f'<p class="error" id="language-error">{REFUSED}</p>' in page
    assert 'aria-describedby="language-error language-hint" aria-invalid="true"' in page
    assert f'value="{TITLE}"' in page and f">{BODY}</textarea>" in page
    assert session.scalar(select(Proposal)) is None


def test_editing_keeps_the_stored_language_when_the_form_does_not_say(
    client: PnyxClient,
    session: Session,
    url: str,
    ada: api.User,
    add_proposal: Callable[..., Proposal],
) -> None:
    proposal = add_proposal(TITLE, body=BODY, author=ada, published=False, language="co")
    edit = f"{url}{proposal.id}/edit"
    assert '<option value="co" lang="co" selected>' in reading(client, "fr").get(edit).text

    assert client.post_form(edit, {"title": TITLE + "!", "body": BODY}).status_code == 302
    assert only(session, Proposal).language == "co"

    form = {"title": "Une piste cyclable", "body": "Le long de la mer.", "language": "fr"}
    assert client.post_form(edit, {**form, "body": BODY}).status_code == 302
    assert only(session, Proposal).language == "fr"


def test_one_language_no_field_and_the_proposal_takes_it(
    client: PnyxClient,
    session: Session,
    url: str,
    ada: api.User,
    bilingual: api.Organization,
) -> None:
    bilingual.available_locales = ["fr"]
    session.commit()
    assert 'name="language"' not in reading(client, "co").get(f"{url}new").text

    form = {"title": "Des bancs", "body": "Des bancs sur la place du marché.", "intent": "publish"}
    assert client.post_form(f"{url}new", form).status_code == 302
    proposal = only(session, Proposal)
    assert proposal.language == "fr"
    assert "lang=" not in client.get(f"{url}{proposal.id}/").text.split("<body")[-1]


def test_an_official_proposal_says_its_language(
    app: Flask,
    client: PnyxClient,
    session: Session,
    component: api.Component,
    staff: api.User,
) -> None:
    with app.test_request_context():
        new = url_for(
            "proposals_admin.new_official",
            space_slug=component.space.slug,
            component_id=component.id,
        )
    reading(client, "fr")
    assert '<select id="language" name="language"' in client.get(new).text
    form = {"authorship": "official", "title": TITLE, "body": BODY}
    refused = client.post_form(new, {**form, "language": "de"})
    assert refused.status_code == 400 and REFUSED in refused.text
    assert session.scalar(select(Proposal)) is None

    assert client.post_form(new, {**form, "language": "co"}).status_code == 302
    assert only(session, Proposal).language == "co"


def test_a_collaborative_draft_keeps_its_language_up_to_the_proposal(
    client: PnyxClient,
    session: Session,
    url: str,
    ada: api.User,
    set_settings: Callable[..., None],
) -> None:
    set_settings(global_={"collaborative_drafts_enabled": True})
    reading(client, "fr")
    assert 'name="language"' in client.get(f"{url}drafts/new").text
    refused = client.post_form(f"{url}drafts/new", {"title": TITLE, "body": BODY, "language": "de"})
    assert refused.status_code == 400 and REFUSED in refused.text
    assert f">{BODY}</textarea>" in refused.text
    assert session.scalar(select(CollaborativeDraft)) is None

    form = {"title": TITLE, "body": BODY, "language": "co"}
    assert client.post_form(f"{url}drafts/new", form).status_code == 302
    draft = only(session, CollaborativeDraft)
    assert draft.language == "co"
    page = client.get(f"{url}drafts/{draft.id}/").text
    assert f'<h1 id="draft-title"><span lang="co">{TITLE}</span></h1>' in page
    assert '<div class="proposal-body" lang="co">' in page
    assert f'<span lang="co">{TITLE}</span></a></h3>' in client.get(f"{url}drafts/").text

    saved = {"title": TITLE, "body": BODY + " Cù l'arburi.", "version": "1"}
    refused = client.post_form(f"{url}drafts/{draft.id}/edit", {**saved, "language": "de"})
    assert refused.status_code == 400 and REFUSED in refused.text  # a forged value
    assert "Cù l&#39;arburi.</textarea>" in refused.text  # the text is kept
    assert only(session, CollaborativeDraft).version == 1  # no version saved
    assert client.post_form(f"{url}drafts/{draft.id}/edit", saved).status_code == 302
    assert only(session, CollaborativeDraft).language == "co"  # no field sent: kept

    assert client.post_form(f"{url}drafts/{draft.id}/publish").status_code == 302
    assert only(session, Proposal).language == "co"


def test_an_amendment_has_its_language_and_gives_it_to_the_proposal(
    client: PnyxClient,
    session: Session,
    url: str,
    make_user: Callable[..., api.User],
    add_proposal: Callable[..., Proposal],
    set_settings: Callable[..., None],
) -> None:
    set_settings(step={"amendments_enabled": True})
    ada, bob = make_user(name="Ada"), make_user(name="Bob")
    proposal = add_proposal("Une piste cyclable", body=BODY, author=ada, language="fr")
    amend = f"{url}{proposal.id}/amend"
    reading(client, "fr").sign_in(bob)
    assert '<option value="fr" lang="fr" selected>' in client.get(amend).text

    changed = {"title": TITLE, "body": BODY + " Cù l'arburi.", "language": "co"}
    preview = client.post_form(amend, {**changed, "intent": "preview"})
    assert preview.status_code == 200
    assert 'id="preview-body-diff" role="group"' in preview.text
    assert 'lang="co">' in preview.text.split('id="preview-body-diff"')[1][:120]
    assert '<option value="co" lang="co" selected>' in preview.text  # kept, not saved
    assert session.scalar(select(Amendment)) is None
    refused = client.post_form(amend, {**changed, "language": "de", "intent": "send"})
    assert refused.status_code == 400 and REFUSED in refused.text
    assert session.scalar(select(Amendment)) is None

    sent = client.post_form(amend, {**changed, "intent": "send"})
    assert sent.status_code == 302
    amendment = only(session, Amendment)
    assert amendment.language == "co"
    page = client.get(sent.location).text
    assert '<div class="proposals-diff" id="body-diff" role="group"' in page
    assert 'lang="co">' in page.split('id="body-diff"')[1][:120]
    in_corsican = reading(client, "co").get(sent.location).text  # the French proposal's title
    assert '<span lang="fr">Une piste cyclable</span>' in in_corsican.split("<h1")[1]

    client.sign_in(ada)
    accept = f"{sent.location}accept"
    assert client.post_form(accept, {"version": str(proposal.version)}).status_code == 302
    accepted = only(session, Proposal)
    assert (accepted.title, accepted.language) == (TITLE, "co")


def test_open_data_and_the_export_say_the_language(
    client: PnyxClient,
    session: Session,
    component: api.Component,
    add_proposal: Callable[..., Proposal],
) -> None:
    add_proposal(TITLE, body=BODY, language="co")
    add_proposal("Des bancs", body="Des bancs sur la place du marché.")  # unknown: ''

    rows = client.get("/api/v1/proposals").json["data"]
    assert sorted(row["language"] for row in rows) == ["", "co"]
    exported = list(exports.rows_of(session, component.id, {}, supports_hidden=False))
    assert [row["language"] for row in exported] == ["co", ""]
    header = next(exports.stream_csv(iter(exported)))
    assert header.startswith("id,title,body,language,")


def test_proposals_copied_from_another_component_keep_their_language(
    session: Session,
    component: api.Component,
    make_component: Callable[..., api.Component],
    add_proposal: Callable[..., Proposal],
) -> None:
    add_proposal(TITLE, body=BODY, language="co")
    target = make_component("proposals")

    assert merge.import_from(session, component, target, only_accepted=False) == 1

    copy = session.scalars(select(Proposal).where(Proposal.component_id == target.id)).one()
    assert copy.language == "co"


def test_search_results_and_links_say_the_proposal_language(
    app: Flask,
    client: PnyxClient,
    session: Session,
    url: str,
    add_proposal: Callable[..., Proposal],
) -> None:
    corsican = add_proposal(TITLE, body=BODY, language="co")
    unknown = add_proposal("Pista pedonale", body="Una pista per chì cammina.", language="")

    with app.test_request_context("/"):
        found = {result.title: result.language for result in search.search("pista", 10)}
        described = api.links.describe(session, RESOURCE, [corsican.id, unknown.id])
    assert found == {TITLE: "co", "Pista pedonale": ""}
    assert (described[corsican.id].language, described[unknown.id].language) == ("co", "")

    page = reading(client, "fr").get("/search?q=pista").text
    assert f'<span lang="co">{TITLE}</span></a>' in page
    assert '<p lang="co">Fà una pista' in page
    assert ">Pista pedonale</a>" in page and "<p>Una pista per chì cammina.</p>" in page
    in_corsican = reading(client, "co").get("/search?q=pista").text
    assert f">{TITLE}</a>" in in_corsican and '<p lang="co">' not in in_corsican

    # The "Linked to" list of a proposal marks the linked proposal's title.
    api.links.link(session, links.COPIED_FROM, (RESOURCE, unknown.id), (RESOURCE, corsican.id))
    session.commit()
    show = reading(client, "fr").get(f"{url}{unknown.id}/").text
    assert f'<span lang="co">{TITLE}</span></a>' in show.split('id="related-title"')[1]


def test_the_author_profile_marks_a_proposal_title_in_another_language(
    client: PnyxClient, add_proposal: Callable[..., Proposal], make_user: Callable[..., api.User]
) -> None:
    author = make_user(name="Ghjuvanni")
    add_proposal(TITLE, body=BODY, author=author, language="co")
    add_proposal("Des bancs", author=author, language="")

    profile = reading(client, "fr").get(f"/people/{author.id}").text
    assert f'<span lang="co">{TITLE}</span></a>' in profile
    assert ">Des bancs</a>" in profile
    assert f">{TITLE}</a>" in reading(client, "co").get(f"/people/{author.id}").text
