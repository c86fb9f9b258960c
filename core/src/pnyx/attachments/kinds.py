"""Which kinds of file are accepted, recognised by their content, never by their name.

puremagic (pure Python, maintained) reads the first bytes and names candidate
types; each accepted kind then has a structural check, because a signature
alone proves little: a PDF must *start* with ``%PDF-``, an office document is
a ZIP whose parts say what it is (``mimetype`` for OpenDocument,
``[Content_Types].xml`` and the main part for Office Open XML), and images are
opened by Pillow afterwards (``pnyx.attachments.images``). A PHP script named
``report.pdf`` matches nothing and is refused.
"""

from __future__ import annotations

import zipfile
from typing import IO

import attrs
import puremagic

from pnyx.admin.svg import looks_like_svg


@attrs.frozen
class Kind:
    """An accepted kind of file."""

    name: str
    extension: str
    content_type: str
    #: Raster images are re-encoded and get thumbnails; an alt text is required.
    image: bool = False
    #: Shown in the browser (raster images only); everything else is downloaded.
    inline: bool = False


KINDS = {
    kind.name: kind
    for kind in (
        Kind("pdf", "pdf", "application/pdf"),
        Kind("odt", "odt", "application/vnd.oasis.opendocument.text"),
        Kind("ods", "ods", "application/vnd.oasis.opendocument.spreadsheet"),
        Kind("odp", "odp", "application/vnd.oasis.opendocument.presentation"),
        Kind(
            "docx",
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        Kind("xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        Kind(
            "pptx",
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        Kind("png", "png", "image/png", image=True, inline=True),
        Kind("jpeg", "jpg", "image/jpeg", image=True, inline=True),
        Kind("gif", "gif", "image/gif", image=True, inline=True),
        Kind("webp", "webp", "image/webp", image=True, inline=True),
        # Kept after cleaning (scripts, handlers and outside references dropped) and only
        # ever downloaded: an SVG opened by the browser is a document that could act.
        Kind("svg", "svg", "image/svg+xml"),
    )
}
#: What the upload forms list.
ACCEPTED_EXTENSIONS = ("pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "png", "jpg", "gif")
IMAGE_KINDS = frozenset(name for name, kind in KINDS.items() if kind.image)

_MAGIC_TO_KIND = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpeg",
    "image/gif": "gif",
    "image/webp": "webp",
}
_OPENDOCUMENT = {KINDS[name].content_type: name for name in ("odt", "ods", "odp")}
_OFFICE_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}
_OFFICE_PARTS["ppt/presentation.xml"] = "pptx"
ZIP_SIGNATURE = b"PK\x03\x04"
HEAD_BYTES = 8192


def detect(file: IO[bytes]) -> Kind | None:
    """The accepted kind ``file`` holds, or ``None``; reads from the start, leaves it there."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    if not head:
        return None
    if head.startswith(ZIP_SIGNATURE):
        return _office_kind(file)
    if looks_like_svg(head):
        return KINDS["svg"]
    name = _magic_name(head)
    if name == "pdf" and not head.startswith(b"%PDF-"):
        return None  # a PDF signature further in is a polyglot, not a PDF
    return KINDS[name] if name else None


def _magic_name(head: bytes) -> str | None:
    try:
        candidates = puremagic.magic_string(head)
    except puremagic.PureError:
        return None
    for candidate in candidates:
        name = _MAGIC_TO_KIND.get(candidate.mime_type)
        if name is not None:
            return name
    return None


def _office_kind(file: IO[bytes]) -> Kind | None:
    """OpenDocument or Office Open XML, from the parts inside the ZIP (nothing extracted)."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                name = _OPENDOCUMENT.get(mimetype)
                return KINDS[name] if name else None
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return None  # macros: refused, whatever the name says
            if "[Content_Types].xml" in names:
                for part, name in _OFFICE_PARTS.items():
                    if part in names:
                        return KINDS[name]
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError):
        return None
    finally:
        file.seek(0)
    return None
