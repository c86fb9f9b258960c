"""Uploads are checked by content, stored under generated names, and refused with a reason
(issue 18 item 2, "Must show": a PHP file renamed .pdf, a polyglot image, a 50 MB file,
``../`` in names, an SVG with script)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from flask_babel import force_locale
from PIL import Image
from werkzeug.datastructures import FileStorage

from pnyx import api
from pnyx.attachments.upload import clean_filename, read_limited
from pnyx.testing.files import (
    HTML_PDF_POLYGLOT,
    PDF,
    PHP,
    SVG_WITH_ENTITY,
    SVG_WITH_SCRIPT,
    EndlessZeros,
    docx,
    jpeg,
    odt,
    png,
    polyglot_png,
)

MB = 1024 * 1024


def upload(data: bytes, name: str) -> FileStorage:
    return FileStorage(io.BytesIO(data), filename=name)


@pytest.fixture
def space(make_space):
    return make_space()


@pytest.fixture
def attach(app, session, space):
    def attach(data: bytes, name: str, **options):
        with app.test_request_context(), force_locale("en"):
            attachment, notes = api.attachments.attach(
                upload(data, name), ("space", space.id), space=space, **options
            )
            session.commit()
            return attachment, notes

    return attach


def stored(app, key: str) -> bytes:
    with app.app_context(), api.attachments.storage().open(key) as file:
        return file.read()


def test_a_php_file_renamed_pdf_is_refused_by_its_content(attach) -> None:
    with pytest.raises(api.attachments.AttachmentError) as refused:
        attach(PHP, "rapport.pdf")
    message = str(refused.value)
    assert "“rapport.pdf” is named like a PDF file, but its content is not one" in message
    assert "Accepted files: PDF" in message


def test_an_image_field_lists_image_kinds_when_it_refuses_a_file(attach) -> None:
    """A proposal's image listed PDF and office documents (and not WebP) in its refusal."""
    with pytest.raises(api.attachments.AttachmentError) as refused:
        attach(b"not an image", "photo.png", cover=True, alt={"en": "A square"})
    message = str(refused.value)
    assert "named like a PNG file" in message
    assert message.endswith("Accepted files: PNG, JPG, GIF, WEBP.") and "PDF" not in message


def test_a_pdf_signature_after_html_is_not_a_pdf(attach) -> None:
    with pytest.raises(api.attachments.AttachmentError, match="named like a PDF file"):
        attach(HTML_PDF_POLYGLOT, "document.pdf")


def test_a_polyglot_image_keeps_only_its_picture(app, attach) -> None:
    attachment, notes = attach(polyglot_png(), "photo.png", alt={"fr": "Une place"})
    content = stored(app, attachment.key)
    assert b"<?php" not in content and b"shell.php" not in content
    assert content.startswith(b"\x89PNG") and Image.open(io.BytesIO(content)).size == (64, 48)
    assert "only the picture is kept" in notes[0]


def test_a_broken_image_is_refused(attach) -> None:
    with pytest.raises(api.attachments.AttachmentError, match="cannot be read"):
        attach(png()[:40], "photo.png", alt={"fr": "x"})


def test_a_50_mb_stream_is_read_only_up_to_the_limit(app) -> None:
    stream = EndlessZeros(50 * MB)
    refusal = pytest.raises(api.attachments.AttachmentError)
    with app.test_request_context(), force_locale("en"), refusal as refused:
        read_limited(stream, int(app.config["ATTACHMENTS_MAX_BYTES"]))
    assert str(refused.value) == "The file is too large: at most 20 MB."
    assert stream.consumed <= 20 * MB + 64 * 1024  # the limit and one chunk, not 50 MB


def test_a_50_mb_request_is_refused_before_it_is_read(client, make_user, space) -> None:
    client.sign_in(make_user(roles=["admin"]))
    stream = EndlessZeros(50 * MB)
    response = client.post(
        f"/admin/spaces/{space.slug}/files",
        input_stream=stream,
        content_length=50 * MB,
        content_type="multipart/form-data; boundary=x",
    )
    assert response.status_code == 413
    assert "larger than this site accepts" in response.get_data(as_text=True)
    assert stream.consumed == 0


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\win.pdf", "win.pdf"),
        ("../.htaccess", "htaccess.pdf"),
        ("rapport\x00.php.pdf", "rapport_.php.pdf"),
        ("", "file.pdf"),
    ],
)
def test_names_never_reach_a_path(app, attach, sent: str, kept: str) -> None:
    attachment, _notes = attach(PDF, sent)
    assert attachment.filename == kept
    assert attachment.key.endswith(".pdf") and "/" not in attachment.key
    folder = Path(app.config["INSTANCE_PATH"]) / "uploads" / "attachments"
    assert sorted(path.name for path in folder.iterdir()) == [attachment.key]


def test_clean_filename_keeps_long_names_short() -> None:
    name = clean_filename("a" * 300 + ".pdf")
    assert len(name) == 120 and name.endswith(".pdf")


def test_an_svg_with_script_is_cleaned_and_only_downloaded(app, attach, client) -> None:
    attachment, notes = attach(SVG_WITH_SCRIPT, "plan.svg")
    content = stored(app, attachment.key)
    assert b"<rect" in content
    assert b"script" not in content and b"onload" not in content
    assert "scripts, links and outside references removed" in notes[0]
    response = client.get(f"/files/{attachment.key}")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in response.headers["Content-Security-Policy"]


def test_an_svg_with_an_entity_is_refused(attach) -> None:
    with pytest.raises(api.attachments.AttachmentError, match="This SVG file cannot be used"):
        attach(SVG_WITH_ENTITY, "plan.svg")


def test_office_documents_are_recognised_inside_their_zip(attach) -> None:
    assert attach(odt(), "notes.odt")[0].kind == "odt"
    assert attach(docx(), "notes")[0].filename == "notes.docx"
    with pytest.raises(api.attachments.AttachmentError, match="named like a DOCX file"):
        attach(docx(macros=True), "macros.docx")


def test_an_image_needs_an_alt_text(attach) -> None:
    with pytest.raises(api.attachments.AttachmentError, match="alt text"):
        attach(png(), "photo.png")


def test_images_get_two_thumbnails_and_lose_their_metadata(app, attach) -> None:
    source = Image.new("RGB", (2400, 1200), "orange")
    exif = source.getexif()
    exif[0x010F] = "Camera maker"  # Make
    output = io.BytesIO()
    source.save(output, "JPEG", exif=exif)
    attachment, _notes = attach(output.getvalue(), "grand.jpg", alt={"fr": "Le parc"})
    assert (attachment.width, attachment.height) == (2400, 1200)
    sizes = {
        size: Image.open(io.BytesIO(stored(app, key))).size
        for size, key in attachment.thumbnails.items()
    }
    assert sizes == {"small": (480, 240), "medium": (1200, 600)}
    assert b"Camera maker" not in stored(app, attachment.key)


def test_a_jpeg_named_png_is_offered_under_its_true_extension(attach) -> None:
    attachment, _notes = attach(jpeg(), "photo.png", alt={"en": "A field"})
    assert (attachment.kind, attachment.filename) == ("jpeg", "photo.jpg")


def test_an_empty_file_is_refused(attach) -> None:
    with pytest.raises(api.attachments.AttachmentError, match="The file is empty"):
        attach(b"", "vide.pdf")


def test_an_owner_type_must_opt_in(app, space) -> None:
    with app.test_request_context(), pytest.raises(ValueError, match="does not accept"):
        api.attachments.attach(upload(PDF, "a.pdf"), ("nothing.here", 1), space=space)
