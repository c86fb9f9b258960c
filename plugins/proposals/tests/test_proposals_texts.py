"""Participatory texts (issue 20 item 4): staff import Markdown, DOCX or ODT headings as
sections and articles, publish them (each article a proposal), residents read the whole
text with per-article counts, staff publish new versions, earlier versions stay readable."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_proposals.amendments.models import Amendment
from pnyx_proposals.models import Proposal
from pnyx_proposals.texts import parsing
from pnyx_proposals.texts.models import TextItem, TextVersion

MARKDOWN = """# Appel à Changer Lyon

## Title I — Mobility

### Article 1 — Bicycles

Every street gets a **safe** bicycle lane.

- on both sides
- lit at night

### Article 2 — Buses

Buses run every ten minutes.

## Title II — Housing

### Article 3 — Rents

Rents are capped in tense areas.
"""


def upload(client: PnyxClient, text_admin: str, name: str, data: bytes, title: str = "Appel"):
    return client.post_form(
        f"{text_admin}/import", {"title": title, "file": (io.BytesIO(data), name)}
    )


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Title I — Mobility", level=1)
    document.add_heading("Article 1 — Bicycles", level=2)
    document.add_paragraph("Every street gets a safe bicycle lane.")
    document.add_paragraph("On both sides.", style="List Bullet")
    document.add_heading("Article 2 — Buses", level=2)
    document.add_paragraph("Buses run every ten minutes.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_bytes() -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Title I — Mobility"))
    document.text.addElement(H(outlinelevel=2, text="Article 1 — Bicycles"))
    document.text.addElement(P(text="Every street gets a safe bicycle lane."))
    document.text.addElement(H(outlinelevel=2, text="Article 2 — Buses"))
    document.text.addElement(P(text="Buses run every ten minutes."))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def shape(nodes: list[parsing.Node]) -> list[tuple[str, int, str]]:
    return [(node.kind, node.level, node.title) for node in nodes]


def english(app: Flask):  # type: ignore[no-untyped-def]
    """A request context reading in English (the test organization speaks French first)."""
    return app.test_request_context(headers={"Accept-Language": "en"})


def test_markdown_headings_become_sections_and_articles(app: Flask) -> None:
    with english(app):
        source, nodes = parsing.read_upload("appel.md", MARKDOWN.encode())
    assert source == "markdown"
    assert shape(nodes) == [
        ("section", 1, "Appel à Changer Lyon"),
        ("section", 2, "Title I — Mobility"),
        ("article", 3, "Article 1 — Bicycles"),
        ("article", 3, "Article 2 — Buses"),
        ("section", 2, "Title II — Housing"),
        ("article", 3, "Article 3 — Rents"),
    ]
    # The Markdown of an article's body is kept as written.
    assert (
        nodes[2].body
        == "Every street gets a **safe** bicycle lane.\n\n- on both sides\n- lit at night"
    )


@pytest.mark.parametrize(("name", "make"), [("appel.docx", docx_bytes), ("appel.odt", odt_bytes)])
def test_documents_headings_become_sections_and_articles(
    app: Flask, name: str, make: Callable[[], bytes]
) -> None:
    with english(app):
        source, nodes = parsing.read_upload(name, make())
    assert source == name.rsplit(".", 1)[1]
    assert shape(nodes) == [
        ("section", 1, "Title I — Mobility"),
        ("article", 2, "Article 1 — Bicycles"),
        ("article", 2, "Article 2 — Buses"),
    ]
    assert nodes[2].body == "Buses run every ten minutes."
    if name.endswith(".docx"):
        assert nodes[1].body == "Every street gets a safe bicycle lane.\n\n- On both sides."


def zip_with(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.md", b"", "The file is empty."),
        ("latin1.md", "# Tête\n\nÉté".encode("latin-1"), "not text in UTF-8"),
        ("flat.md", b"Just a paragraph, no heading.\n", None),  # a preamble article: accepted
        ("headings.md", b"# One\n\n## Two\n", "No article found"),
        ("fake.docx", b"not a zip at all", "not a valid Word (.docx) document"),
        ("other.docx", zip_with({"hello.txt": b"hi"}), "not a valid Word (.docx) document"),
        ("fake.odt", b"PK\x03\x04broken", "not a valid OpenDocument (.odt) document"),
        (
            "sheet.odt",
            zip_with({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
            "not a valid OpenDocument",
        ),
        (
            "bomb.docx",
            zip_with({"word/document.xml": b"0" * (51 * 1024 * 1024)}),
            "too large once unpacked",
        ),
        ("picture.png", b"\x89PNG....", "Choose a Markdown"),
        (
            "long.md",
            ("# " + "x" * 250 + "\n\ntext\n").encode(),
            "A heading is longer than 200 characters",
        ),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(
    app: Flask, name: str, data: bytes, message: str | None
) -> None:
    with english(app):
        if message is None:
            _source, nodes = parsing.read_upload(name, data)
            assert shape(nodes) == [("article", 1, "Preamble")]
            return
        with pytest.raises(parsing.ImportRefusedError) as refused:
            parsing.read_upload(name, data)
    assert message in str(refused.value)


def test_import_publish_read_and_version_the_text(
    client: PnyxClient,
    session: Session,
    url: str,
    text_admin: str,
    staff: api.User,
) -> None:
    response = upload(client, text_admin, "appel.md", MARKDOWN.encode(), "Appel à Changer Lyon")
    assert response.status_code == 302
    page = client.get(text_admin).text
    assert "Imported, not published" in page and "Article 3 — Rents" in page
    assert client.get(f"{url}text/").status_code == 404  # not public yet

    assert client.post_form(f"{text_admin}/publish").status_code == 302
    articles = session.scalars(select(Proposal).order_by(Proposal.id)).all()
    assert [p.title for p in articles] == [
        "Article 1 — Bicycles",
        "Article 2 — Buses",
        "Article 3 — Rents",
    ]
    assert all(p.published_at is not None and p.author_id is None for p in articles)

    client.sign_out()
    reading = client.get(f"{url}text/").text
    assert "Appel à Changer Lyon" in reading and "Version 1" in reading
    assert "<strong>safe</strong>" in reading  # bodies rendered from Markdown
    assert reading.count("0 amendments") == 3 and reading.count("0 comments") == 3
    # The outline: h1 the text, h2 the top section, h3 its titles, h4 the articles.
    assert '<h3 id="section-2">Title I — Mobility</h3>' in reading
    assert '<h4 id="article-title-3">Article 1 — Bicycles</h4>' in reading
    article_page = client.get(f"{url}{articles[0].id}/").text
    assert "An article of the participatory text" in article_page

    # An article's proposal changes (an accepted amendment); staff publish version 2.
    articles[0].body = "Every street gets a safe and separated bicycle lane."
    session.commit()
    client.sign_in(staff)
    response = client.post_form(f"{text_admin}/versions", {"note": "Amendment 1 accepted."})
    assert response.status_code == 302
    # Nothing changed since: another click would publish the same text again as version 3.
    again = client.post_form(f"{text_admin}/versions", {"note": "Typed again."})
    assert again.status_code == 400
    assert "No article has changed since version 2" in again.text
    assert "Typed again.</textarea>" in again.text  # the note typed is kept
    client.sign_out()
    current = client.get(f"{url}text/").text
    assert "Version 2" in current and "safe and separated" in current
    assert "Changed in this version" in current and "Amendment 1 accepted." in current
    assert "separated" in current.split("<ins>", 1)[1]
    earlier = client.get(f"{url}text/versions/1").text
    assert "This is an earlier version of the text." in earlier
    assert "safe and separated" not in earlier and "<strong>safe</strong>" in earlier
    assert client.get(f"{url}text/versions/9").status_code == 404
    versions = session.scalars(select(TextVersion).order_by(TextVersion.number)).all()
    assert [(v.number, v.source) for v in versions] == [(1, "markdown"), (2, "snapshot")]
    # Same proposals in both versions: versions line up article by article.
    ids = [
        {
            i.proposal_id
            for i in session.scalars(select(TextItem).where(TextItem.version_id == v.id))
            if i.proposal_id
        }
        for v in versions
    ]
    assert ids[0] == ids[1] == {p.id for p in articles}


def test_a_refused_file_comes_back_with_the_title_kept(
    client: PnyxClient, session: Session, text_admin: str, staff: api.User
) -> None:
    response = upload(client, text_admin, "fake.docx", b"nope", "My charter")
    assert response.status_code == 400
    assert "not a valid Word (.docx) document" in response.text
    assert 'value="My charter"' in response.text and 'aria-invalid="true"' in response.text
    assert session.scalars(select(TextVersion)).all() == []
    response = client.post_form(f"{text_admin}/import", {"title": "My charter"})
    assert response.status_code == 400 and "Choose the file" in response.text


def test_importing_again_replaces_the_unpublished_import(
    client: PnyxClient, session: Session, text_admin: str, staff: api.User
) -> None:
    upload(client, text_admin, "a.md", MARKDOWN.encode())
    upload(client, text_admin, "b.odt", odt_bytes())
    [version] = session.scalars(select(TextVersion)).all()
    assert version.source == "odt"
    client.post_form(f"{text_admin}/publish")
    client.post_form(f"{text_admin}/discard")  # nothing pending: nothing happens
    assert len(session.scalars(select(TextVersion)).all()) == 1
    # Once published, a file is the text's revised version (test_proposals_text_revisions.py).


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("resident", 403),
        ("moderator", 403),
        ("space_admin", 200),
        ("admin", 200),
    ],
)
def test_permission_matrix(
    client: PnyxClient,
    component: api.Component,
    text_admin: str,
    make_user: Callable[..., api.User],
    who: str,
    status: int,
) -> None:
    people = {
        "resident": lambda: make_user(),
        "moderator": lambda: make_user(space_roles={component.space: "moderator"}),
        "space_admin": lambda: make_user(space_roles={component.space: "admin"}),
        "admin": lambda: make_user(roles=["admin"]),
    }
    if who in people:
        client.sign_in(people[who]())
    assert client.get(text_admin).status_code == status
    response = upload(client, text_admin, "appel.md", MARKDOWN.encode())
    assert response.status_code == (302 if status == 200 else status)


@pytest.mark.parametrize(
    ("locale", "words"),
    [
        ("en", "Each article can be amended"),
        ("fr", "Chaque article peut être amendé"),
        ("co", "Ogni articulu pò esse emendatu"),
    ],
)
def test_reading_page_in_each_language(
    client: PnyxClient,
    session: Session,
    url: str,
    text_admin: str,
    staff: api.User,
    locale: str,
    words: str,
) -> None:
    organization = session.scalar(select(api.Organization))
    assert organization is not None
    organization.available_locales = ["fr", "en", "co"]
    session.commit()
    upload(client, text_admin, "appel.md", MARKDOWN.encode())
    client.post_form(f"{text_admin}/publish")
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = locale
    assert words in client.get(f"{url}text/").text
    assert client.get(text_admin).status_code == 200


def test_articles_are_amended_through_amendments_then_versioned(
    client: PnyxClient,
    session: Session,
    url: str,
    text_admin: str,
    staff: api.User,
    make_user: Callable[..., api.User],
    set_settings: Callable[..., None],
) -> None:
    """An article is an official proposal: residents amend it, managers decide, and the
    next version of the text carries the accepted change; the text counts amendments."""
    set_settings(step={"amendments_enabled": True})
    upload(client, text_admin, "appel.md", MARKDOWN.encode())
    client.post_form(f"{text_admin}/publish")
    article = session.scalars(select(Proposal).where(Proposal.title.startswith("Article 2"))).one()
    assert article.authorship == "official"
    page = client.get(f"{url}{article.id}/").text
    assert "Official proposal" in page and "Deleted participant" not in page

    resident = make_user(name="Rosa")
    client.sign_in(resident)
    amended = "Buses run every five minutes, and every fifteen in the evening."
    response = client.post_form(
        f"{url}{article.id}/amend", {"title": article.title, "body": amended}
    )
    assert response.status_code == 302, response.text
    amendment = session.scalars(select(Amendment)).one()
    reading = client.get(f"{url}text/").text
    assert reading.count("1 amendment") == 1 and reading.count("0 amendments") == 2

    client.sign_in(staff)  # a manager decides on the organization's text
    accept = f"{url}{article.id}/amendments/{amendment.id}/accept"
    response = client.post_form(accept, {"version": str(article.version)})
    assert response.status_code == 302, response.text
    session.refresh(article)
    assert article.body == amended
    client.post_form(f"{text_admin}/versions", {"note": "Article 2 amended."})
    client.sign_out()
    current = client.get(f"{url}text/").text
    assert "Version 2" in current and "every five minutes" in current
    assert current.count("Changed in this version") == 1
    assert "every ten minutes" in client.get(f"{url}text/versions/1").text
