"""Receiving an uploaded file: its size, its name, its kind, its content, the antivirus.

Every step says why it refuses, in words for the person who sent the file
(:class:`AttachmentError`). The stream is read in chunks and reading stops as
soon as the limit is passed, so a 50 MB file costs at most the limit plus one
chunk; the request body limit (``api.upload_limit``) refuses larger bodies
before they are read at all.
"""

from __future__ import annotations

import logging
import re
import tempfile
import unicodedata
from collections.abc import Collection
from typing import IO

import attrs
from flask import current_app
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from pnyx.admin.svg import UnsafeSvgError, sanitize_svg
from pnyx.attachments.images import ImageError, process_image
from pnyx.attachments.kinds import ACCEPTED_EXTENSIONS, KINDS, Kind, detect
from pnyx.i18n import format_decimal

log = logging.getLogger(__name__)

#: What an image field takes, in its refusals.
IMAGE_EXTENSIONS = tuple(KINDS[name].extension.upper() for name in ("png", "jpeg", "gif", "webp"))

CHUNK = 64 * 1024
#: Files up to this size stay in memory while they are checked; larger ones go to disk.
IN_MEMORY = 2 * 1024 * 1024
MAX_NAME = 120
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f<>:\"/\\|?*]+")


class AttachmentError(ValueError):
    """Why a file was refused, in words for the person who sent it."""


@attrs.frozen
class Received:
    """A file that passed every check, ready to store."""

    filename: str
    kind: Kind
    content: IO[bytes]
    size: int
    width: int | None = None
    height: int | None = None
    thumbnails: dict[str, bytes] = attrs.field(factory=dict)
    #: What was changed to make the file safe, to tell the uploader.
    notes: tuple[str, ...] = ()


def clean_filename(raw: str | None) -> str:
    """The uploaded name without any folder (``../``, ``C:\\``), control or reserved
    characters, or leading dots; at most 120 characters, the extension kept."""
    name = unicodedata.normalize("NFC", raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE_NAME.sub("_", name).strip().lstrip(".").strip()
    if len(name) > MAX_NAME:
        stem, dot, extension = name.rpartition(".")
        extension = extension[:10] if dot else ""
        name = (stem or name)[: MAX_NAME - len(extension) - 1].rstrip() + dot + extension
    return name or "file"


def max_bytes() -> int:
    return int(current_app.config["ATTACHMENTS_MAX_BYTES"])


def size_label(size: int) -> str:
    """``"20 MB"``, ``"3.7 MB"``, ``"350 KB"``: for limits and file lists, with the reader's
    decimal sign (``"3,7 Mo"`` in French)."""
    if size >= 1024 * 1024:
        megabytes = format_decimal(size / (1024 * 1024), "0.#")
        return _("%(size)s MB", size=megabytes)
    return _("%(size)s KB", size=max(1, round(size / 1024)))


def read_limited(stream: IO[bytes], limit: int) -> tuple[IO[bytes], int]:
    """The stream's bytes in a spooled file and their number; refuse past ``limit``."""
    spool = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY)  # noqa: SIM115 - returned open
    total = 0
    while chunk := stream.read(CHUNK):
        total += len(chunk)
        if total > limit:
            spool.close()
            raise AttachmentError(
                _("The file is too large: at most %(size)s.", size=size_label(limit))
            )
        spool.write(chunk)
    if total == 0:
        spool.close()
        raise AttachmentError(_("The file is empty."))
    spool.seek(0)
    return spool, total


def receive(
    upload: FileStorage,
    *,
    images_only: bool = False,
    limit: int | None = None,
    accepted: Collection[str] | None = None,
) -> Received:
    """Check ``upload``; raise :class:`AttachmentError` with the reason when it is refused.

    ``limit`` lowers the size limit (never above ``ATTACHMENTS_MAX_BYTES``); ``accepted``
    names the kinds wanted (``{"pdf", "png"}``), a subset of :data:`KINDS`.
    """
    filename = clean_filename(upload.filename)
    most = min(limit, max_bytes()) if limit else max_bytes()
    content, size = read_limited(upload.stream, most)
    try:
        if accepted is not None:
            _check_kind_wanted(filename, content, accepted)
        received = _checked(filename, content, size, images_only)
        _scan(received)
    except BaseException:
        content.close()
        raise
    return received


def _check_kind_wanted(filename: str, content: IO[bytes], accepted: Collection[str]) -> None:
    kind = detect(content)
    content.seek(0)
    names = sorted({KINDS[name].extension.upper() for name in accepted if name in KINDS})
    if kind is None:
        raise AttachmentError(_refusal(filename, names))
    if kind.name not in accepted:
        raise AttachmentError(
            _(
                "This kind of file is not accepted here. Send one of: %(accepted)s.",
                accepted=", ".join(names),
            )
        )


def _checked(filename: str, content: IO[bytes], size: int, images_only: bool) -> Received:
    kind = detect(content)
    if kind is None:
        raise AttachmentError(_refusal(filename, IMAGE_EXTENSIONS if images_only else None))
    if images_only and not kind.image:
        raise AttachmentError(_("Send an image: a PNG, JPEG, GIF or WebP file."))
    if kind.image:
        return _image(filename, content, kind)
    if kind.name == "svg":
        return _svg(filename, content)
    return Received(_renamed(filename, kind), kind, content, size)


def _refusal(filename: str, wanted: Collection[str] | None = None) -> str:
    """Why an unrecognised file is refused, listing what this form takes (``wanted``, the
    extensions in capitals; every accepted kind when ``None``): an image field listed PDF
    and office documents, and left WebP out."""
    accepted = ", ".join(wanted or (extension.upper() for extension in ACCEPTED_EXTENSIONS))
    extension = filename.rpartition(".")[2].lower() if "." in filename else ""
    if extension in ACCEPTED_EXTENSIONS or extension in ("jpeg", "webp", "svg"):
        return _(
            "“%(name)s” is named like a %(extension)s file, but its content is not one. "
            "Accepted files: %(accepted)s.",
            name=filename,
            extension=extension.upper(),
            accepted=accepted,
        )
    return _("This kind of file is not accepted. Accepted files: %(accepted)s.", accepted=accepted)


def _image(filename: str, content: IO[bytes], kind: Kind) -> Received:
    max_pixels = int(current_app.config["ATTACHMENTS_MAX_PIXELS"])
    try:
        image = process_image(content, kind, max_pixels)
    except ImageError as error:
        if error.reason == "pixels":
            millions = max_pixels // 1_000_000
            raise AttachmentError(
                _("This image is too large: at most %(number)d million pixels.", number=millions)
            ) from None
        raise AttachmentError(
            _("This image cannot be read: it is damaged, or it is not really an image.")
        ) from None
    content.close()
    stored = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY)  # noqa: SIM115 - returned open
    stored.write(image.data)
    stored.seek(0)
    note = _("The image was saved anew: only the picture is kept (no hidden data or metadata).")
    return Received(
        _renamed(filename, kind),
        kind,
        stored,
        len(image.data),
        image.width,
        image.height,
        dict(image.thumbnails),
        (note,),
    )


def _svg(filename: str, content: IO[bytes]) -> Received:
    try:
        cleaned = sanitize_svg(content.read())
    except UnsafeSvgError:
        raise AttachmentError(
            _("This SVG file cannot be used: save it again as plain SVG, or send a PNG.")
        ) from None
    content.close()
    stored = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY)  # noqa: SIM115 - returned open
    stored.write(cleaned)
    stored.seek(0)
    note = _(
        "The SVG file was cleaned (scripts, links and outside references removed); "
        "it is offered as a download only."
    )
    return Received(
        _renamed(filename, KINDS["svg"]), KINDS["svg"], stored, len(cleaned), notes=(note,)
    )


def _renamed(filename: str, kind: Kind) -> str:
    """The name with the extension of what the file really is (``photo.png`` holding a JPEG
    is offered as ``photo.jpg``)."""
    stem, dot, extension = filename.rpartition(".")
    if dot and extension.lower() in (kind.extension, kind.name):
        return filename
    return f"{stem if dot and stem else filename}.{kind.extension}"


def _scan(received: Received) -> None:
    """The ``scan_upload`` hook: any plugin's reason refuses the file; a scanner that fails
    refuses it too (an unchecked file is not stored)."""
    hook = current_app.extensions["pnyx.plugins"].pm.hook.scan_upload
    for impl in hook.get_hookimpls():
        received.content.seek(0)
        arguments = {
            "file": received.content,
            "filename": received.filename,
            "content_type": received.kind.content_type,
        }
        try:
            reason = impl.function(**{name: arguments[name] for name in impl.argnames})
        except Exception:
            log.exception("scan_upload of plugin %s failed: the file is refused", impl.plugin_name)
            reason = _("the check could not be done; try again later")
        if reason:
            raise AttachmentError(
                _("This file was refused by the safety check: %(reason)s", reason=reason)
            )
    received.content.seek(0)
