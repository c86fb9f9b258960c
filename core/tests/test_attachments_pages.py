"""Attachments on the web: staff upload without JavaScript, files served with safe headers,
private spaces' files only to those who may see the space (issue 18 item 2)."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from pnyx import api
from pnyx.models import ActionLog
from pnyx.testing.files import PDF, PHP, png, polyglot_png


@pytest.fixture
def admin(client, make_user):
    user = make_user(roles=["admin"])
    client.sign_in(user)
    return user


def files_url(space) -> str:
    return f"/admin/spaces/{space.slug}/files"


def send(client, space, data: bytes, name: str, **fields):
    form = {"operation": "upload", "file": (io.BytesIO(data), name), **fields}
    return client.post_form(files_url(space), form, content_type="multipart/form-data")


def only_attachment(session) -> api.attachments.Attachment:
    return session.scalars(select(api.attachments.Attachment)).one()


def test_staff_upload_a_pdf_and_readers_download_it(client, session, make_space, admin) -> None:
    space = make_space()
    assert 'enctype="multipart/form-data"' in client.get(files_url(space)).get_data(as_text=True)
    response = send(client, space, PDF, "../budget 2026.pdf", **{"upload.title.fr": "Le budget"})
    assert response.status_code == 302
    attachment = only_attachment(session)
    assert attachment.filename == "budget 2026.pdf" and attachment.title == {"fr": "Le budget"}
    entry = session.scalar(select(ActionLog).where(ActionLog.action == "pnyx.attachment.create"))
    assert entry.space_id == space.id
    client.sign_out()
    served = client.get(f"/files/{attachment.key}")
    assert served.status_code == 200 and served.data == PDF
    assert served.mimetype == "application/pdf"
    assert served.headers["Content-Disposition"].startswith("attachment;")
    assert "budget" in served.headers["Content-Disposition"]
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in served.headers["Content-Security-Policy"]
    assert "public" in served.headers["Cache-Control"]


def test_a_refused_file_is_explained_on_the_form(client, session, make_space, admin) -> None:
    space = make_space()
    response = send(client, space, PHP, "rapport.pdf")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The file was not saved" in page or "n’a pas été enregistré" in page
    assert 'aria-invalid="true"' in page
    assert session.scalars(select(api.attachments.Attachment)).first() is None


def test_the_form_needs_its_csrf_token(client, make_space, admin) -> None:
    space = make_space()
    form = {"operation": "upload", "file": (io.BytesIO(PDF), "a.pdf"), "csrf_token": "forged"}
    response = client.post_form(files_url(space), form, content_type="multipart/form-data")
    assert response.status_code == 400


def test_an_image_is_shown_inline_with_its_thumbnails(client, session, make_space, admin) -> None:
    space = make_space()
    send(client, space, polyglot_png(), "plan.png", **{"upload.alt.fr": "Plan du parc"})
    attachment = only_attachment(session)
    served = client.get(f"/files/{attachment.key}")
    assert served.mimetype == "image/png" and "Content-Disposition" not in served.headers
    assert b"<?php" not in served.data
    for size in ("small", "medium"):
        assert client.get(f"/files/{attachment.key}/{size}").mimetype == "image/webp"
    assert client.get(f"/files/{attachment.key}/huge").status_code == 404


def test_the_cover_image_requires_its_alt_text(client, session, make_space, admin) -> None:
    space = make_space()
    form = {"operation": "cover", "file": (io.BytesIO(png()), "une.png")}
    response = client.post_form(files_url(space), form, content_type="multipart/form-data")
    assert response.status_code == 400
    form = {"operation": "cover", "file": (io.BytesIO(png()), "une.png"), "cover.alt.fr": "Parc"}
    assert (
        client.post_form(files_url(space), form, content_type="multipart/form-data").status_code
        == 302
    )
    with client.application.app_context():
        assert api.attachments.cover("space", space.id).alt == {"fr": "Parc"}


def test_deleting_a_file_asks_first_then_removes_it(
    app, client, session, make_space, admin
) -> None:
    space = make_space()
    send(client, space, PDF, "a.pdf")
    attachment = only_attachment(session)
    key, attachment_id = attachment.key, attachment.id
    form = {"operation": "delete", "attachment_id": attachment_id}
    first = client.post_form(files_url(space), form)
    assert first.status_code == 200 and 'name="confirmed"' in first.get_data(as_text=True)
    assert client.post_form(files_url(space), {**form, "confirmed": "yes"}).status_code == 302
    session.expire_all()
    assert session.get(api.attachments.Attachment, attachment_id) is None
    with app.app_context(), pytest.raises(FileNotFoundError):
        api.attachments.storage().open(key)


def test_private_space_files_only_for_those_who_may_see_it(
    client, session, make_space, make_user, admin
) -> None:
    space = make_space(private=True)
    send(client, space, PDF, "a.pdf")
    key = only_attachment(session).key
    assert client.get(f"/files/{key}").headers["Cache-Control"] == "private, no-store"
    client.sign_out()
    assert client.get(f"/files/{key}").status_code == 302  # to sign in
    client.sign_in(make_user())
    assert client.get(f"/files/{key}").status_code == 404


def test_unpublished_space_files_are_not_found(client, session, make_space, admin) -> None:
    space = make_space(published=False)
    send(client, space, PDF, "a.pdf")
    key = only_attachment(session).key
    client.sign_out()
    assert client.get(f"/files/{key}").status_code == 404
    assert client.get("/files/../../etc/passwd").status_code == 404
    assert client.get("/files/not-a-key.pdf").status_code == 404


def test_only_staff_reach_the_files_page(client, make_space, make_user) -> None:
    space = make_space()
    client.sign_in(make_user())
    assert client.get(files_url(space)).status_code == 403


def test_the_space_page_lists_its_documents(client, session, make_space, admin) -> None:
    space = make_space()
    send(client, space, PDF, "compte-rendu.pdf", **{"upload.title.fr": "Compte rendu"})
    page = client.get(f"/spaces/{space.slug}").get_data(as_text=True)
    assert "Compte rendu" in page and "/files/" in page


def test_a_space_image_shows_on_its_card_and_as_its_banner(
    client, session, make_space, admin
) -> None:
    space = make_space(title={"fr": "Berges", "en": "Riverbanks"})
    form = {"operation": "cover", "file": (io.BytesIO(png(1600, 800)), "berges.png")}
    form["cover.alt.fr"] = "Les berges au printemps"
    client.post_form(files_url(space), form, content_type="multipart/form-data")
    key = api.attachments.Attachment
    cover = session.scalars(select(key)).one()
    client.sign_out()
    listing = client.get("/spaces").get_data(as_text=True)
    assert f'src="/files/{cover.key}/small" alt="Les berges au printemps"' in listing
    page = client.get(f"/spaces/{space.slug}").get_data(as_text=True)
    assert f'src="/files/{cover.key}/medium" alt="Les berges au printemps"' in page
