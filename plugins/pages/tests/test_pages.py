"""Pages of a space and of the organization: staff write them (rich text, sections, files),
residents read them; the organization's pages are linked from the footer."""

from __future__ import annotations

import io
from pathlib import Path

from sqlalchemy import select

import pnyx_pages
from pnyx import api
from pnyx.testing.files import PDF, PHP, png
from pnyx.testing.translations import catalogue_problems
from pnyx_pages.models import Page


def admin_url(component, rest: str = "") -> str:
    return f"/admin/spaces/{component.space.slug}/pages/{component.id}/{rest}"


def public_url(component, rest: str = "") -> str:
    return f"/spaces/{component.space.slug}/pages/{component.id}/{rest}"


def new_page(client, url: str, **fields) -> None:
    data = {
        "title.fr": "Ressources à lire",
        "title.en": "Resources to read",
        "slug": "resources",
        "kind": "page",
        "body.fr": "Lisez **ceci** : https://example.org",
        "position": "0",
        "published": "true",
        **fields,
    }
    response = client.post_form(url, data)
    assert response.status_code == 302, response.get_data(as_text=True)


def test_staff_write_a_page_with_sections_and_files_residents_read_it(
    client, session, component, admin
) -> None:
    new_page(client, admin_url(component, "new"))
    page = session.scalar(select(Page))
    section = {"title.fr": "Le diagnostic", "title.en": "The survey", "body.en": "Read it."}
    assert (
        client.post_form(admin_url(component, f"{page.id}/sections/new"), section).status_code
        == 302
    )
    files = admin_url(component, f"{page.id}/files")
    upload = {"operation": "upload", "file": (io.BytesIO(PDF), "diagnostic.pdf")}
    assert client.post_form(files, upload, content_type="multipart/form-data").status_code == 302
    image = {
        "operation": "upload",
        "file": (io.BytesIO(png()), "plan.png"),
        "upload.alt.en": "Map of the riverbanks",
    }
    assert client.post_form(files, image, content_type="multipart/form-data").status_code == 302
    refused = {"operation": "upload", "file": (io.BytesIO(PHP), "shell.pdf")}
    answer = client.post_form(files, refused, content_type="multipart/form-data")
    assert answer.status_code == 400 and "named like a PDF file" in answer.get_data(as_text=True)
    client.sign_out()
    text = client.get(public_url(component, "resources")).get_data(as_text=True)
    assert "<h1>Resources to read</h1>" in text and "<strong>ceci</strong>" in text
    assert "The survey" in text and "diagnostic.pdf" in text
    assert 'alt="Map of the riverbanks"' in text
    assert 'href="https://example.org" rel="noopener"' in text  # staff text: no "ugc"
    assert "Resources to read" in client.get(public_url(component)).get_data(as_text=True)


def test_a_faq_shows_questions_that_open(client, session, component, admin) -> None:
    new_page(client, admin_url(component, "new"), slug="faq", kind="faq")
    page = session.scalar(select(Page))
    question = {"title.fr": "Qui ?", "title.en": "Who may take part?", "body.en": "Anyone."}
    client.post_form(admin_url(component, f"{page.id}/sections/new"), question)
    text = client.get(public_url(component, "faq")).get_data(as_text=True)
    assert '<summary><h2 class="faq-question">Who may take part?</h2></summary>' in text


def test_an_unpublished_page_is_not_found(client, session, component, admin) -> None:
    new_page(client, admin_url(component, "new"), published="false")
    client.sign_out()
    assert client.get(public_url(component, "resources")).status_code == 404


def test_two_pages_cannot_share_an_address(client, component, admin) -> None:
    new_page(client, admin_url(component, "new"))
    response = client.post_form(
        admin_url(component, "new"),
        {"title.fr": "Autre", "slug": "resources", "kind": "page", "position": "1"},
    )
    assert response.status_code == 400
    assert "Another page already has this web address." in response.get_data(as_text=True)


def test_deleting_a_page_asks_first_and_removes_its_files(
    app, client, session, component, admin
) -> None:
    new_page(client, admin_url(component, "new"))
    page = session.scalar(select(Page))
    files = admin_url(component, f"{page.id}/files")
    client.post_form(
        files,
        {"operation": "upload", "file": (io.BytesIO(PDF), "a.pdf")},
        content_type="multipart/form-data",
    )
    url = admin_url(component, f"{page.id}/delete")
    assert 'name="confirmed"' in client.post_form(url, {}).get_data(as_text=True)
    assert client.post_form(url, {"confirmed": "yes"}).status_code == 302
    session.expire_all()
    assert session.scalar(select(Page)) is None
    assert session.scalar(select(api.attachments.Attachment)) is None
    with app.app_context():
        assert list(api.attachments.storage().list_keys()) == []


def test_only_staff_edit_pages(client, component, make_user) -> None:
    client.sign_in(make_user())
    assert client.get(admin_url(component)).status_code == 403
    assert client.get("/admin/pages/").status_code == 403


def test_organization_pages_are_linked_from_the_footer(client, session, admin) -> None:
    data = {
        "title.fr": "Accessibilité",
        "title.en": "Accessibility",
        "slug": "accessibility",
        "kind": "page",
        "body.en": "Partially compliant.",
        "position": "0",
        "published": "true",
        "in_footer": "true",
    }
    assert client.post_form("/admin/pages/new", data).status_code == 302
    client.sign_out()
    home = client.get("/").get_data(as_text=True)
    assert 'href="/pages/accessibility">Accessibility</a>' in home
    assert "Partially compliant." in client.get("/pages/accessibility").get_data(as_text=True)
    assert client.get("/pages/nothing").status_code == 404


def test_catalogues_are_complete_and_compiled() -> None:
    folder = Path(pnyx_pages.__file__).parent
    for locale in ("fr", "co"):
        assert catalogue_problems(folder, locale) == []


def test_a_footer_link_in_another_language_says_so(client, session, admin) -> None:
    """A title staff wrote only in French shows on the English pages marked lang="fr" (WCAG
    3.1.2): the footer, on every page, printed it unmarked."""
    data = {
        "title.fr": "Données personnelles",
        "slug": "privacy",
        "kind": "page",
        "body.fr": "Vos données.",
        "position": "0",
        "published": "true",
        "in_footer": "true",
    }
    assert client.post_form("/admin/pages/new", data).status_code == 302
    client.sign_out()
    home = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'href="/pages/privacy"><span lang="fr">Données personnelles</span></a>' in home
