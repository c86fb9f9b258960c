"""The staff files page sent twice (a double click, a resend on a slow line) attaches the
file once and makes one collection; the page kept by the browser, sent with another file,
attaches it: files are part of the form's digest (api.submissions, docs/forms.md)."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from pnyx import api
from pnyx.testing.files import PDF, PHP
from pnyx.testing.submissions import ALREADY_SENT, TOKEN, sent_twice


@pytest.fixture
def files_url(client, make_user, make_space) -> str:
    client.sign_in(make_user(roles=["admin"]))
    return f"/admin/spaces/{make_space().slug}/files"


def upload(client, url: str, data: bytes, name: str = "budget.pdf"):
    """The upload form with a new file object each time (a sent stream is read to its end)."""
    form = {"operation": "upload", "file": (io.BytesIO(data), name), "submission_token": TOKEN}
    return client.post_form(url, form, content_type="multipart/form-data")


def files(session) -> list[str]:
    query = select(api.attachments.Attachment.filename).order_by(api.attachments.Attachment.id)
    return list(session.scalars(query))


def test_a_file_sent_twice_is_attached_once(client, session, files_url) -> None:
    page = client.get(files_url).text
    assert page.count('name="submission_token"') == 2  # the upload and collection forms
    first, again = upload(client, files_url, PDF), upload(client, files_url, PDF)
    assert first.status_code == again.status_code == 302
    assert again.location == first.location
    assert ALREADY_SENT in client.get(again.location).text
    assert files(session) == ["budget.pdf"]
    # The same page (one token) sent with another file: that file is attached too.
    assert upload(client, files_url, PDF, "minutes.pdf").status_code == 302
    assert files(session) == ["budget.pdf", "minutes.pdf"]


def test_a_refused_file_leaves_its_token_free(client, session, files_url) -> None:
    assert upload(client, files_url, PHP, "rapport.pdf").status_code == 400
    assert upload(client, files_url, PDF).status_code == 302
    assert files(session) == ["budget.pdf"]


def test_a_collection_sent_twice_is_made_once(client, session, files_url) -> None:
    sent_twice(client, files_url, {"operation": "collection", "collection.title.fr": "Comptes"})
    query = select(func.count()).select_from(api.attachments.AttachmentCollection)
    assert session.scalar(query) == 1
