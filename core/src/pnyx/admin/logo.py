"""Checking and storing the organization's logo (PNG, JPEG or sanitised SVG)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from pnyx.admin.svg import UnsafeSvgError, looks_like_svg, sanitize_svg
from pnyx.web.branding import uploads_folder

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
DEFAULT_MAX_BYTES = 512 * 1024


class LogoError(ValueError):
    """Why an uploaded logo was refused, in words for the admin."""


def read_logo(upload: FileStorage) -> tuple[bytes, str]:
    """The file's content, ready to store, and its extension; raise :class:`LogoError`.

    The kind is read from the content, never from the name the browser sent.
    """
    limit = int(current_app.config.get("LOGO_MAX_BYTES", DEFAULT_MAX_BYTES))
    data = upload.stream.read(limit + 1)
    if not data:
        raise LogoError(_("The file is empty."))
    if len(data) > limit:
        raise LogoError(_("The logo is too large: at most %(size)d KB.", size=limit // 1024))
    if data.startswith(PNG_SIGNATURE):
        return data, "png"
    if data.startswith(JPEG_SIGNATURE):
        return data, "jpg"
    if looks_like_svg(data):
        try:
            cleaned = sanitize_svg(data)
        except UnsafeSvgError:
            raise LogoError(
                _("This SVG file cannot be used: save it again as plain SVG, or send a PNG.")
            ) from None
        # The limit holds for what is stored and served, not only for what was sent.
        if len(cleaned) > limit:
            raise LogoError(_("The logo is too large: at most %(size)d KB.", size=limit // 1024))
        return cleaned, "svg"
    raise LogoError(_("Send the logo as a PNG, JPEG or SVG file."))


def store_logo(data: bytes, extension: str) -> str:
    """Write the logo to ``<instance>/uploads/`` under a name made from its content."""
    folder = uploads_folder()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"logo-{hashlib.sha256(data).hexdigest()[:20]}.{extension}"
    target = folder / name
    if not target.exists():
        # Written aside then renamed, so a reader never sees half a file.
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".upload-")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, target)
    return name


def remove_logo_file(name: str | None) -> None:
    """Delete a logo that is no longer used (never a path outside the uploads folder)."""
    if not name or Path(name).name != name:
        return
    (uploads_folder() / name).unlink(missing_ok=True)
