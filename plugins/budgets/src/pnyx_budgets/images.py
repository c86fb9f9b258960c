"""Project images: PNG, JPEG or WebP files in ``<instance>/uploads/budgets/``.

The type is read from the content, never from the file name; the file is
named after a hash of its content (written aside, then renamed), so a new
image has a new name and browsers may keep it. Instances with several app
processes share the instance folder.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from flask import current_app
from werkzeug.datastructures import FileStorage

from pnyx import api

SIGNATURES = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"))
DEFAULT_MAX_BYTES = 2 * 1024 * 1024


def folder() -> Path:
    path = Path(current_app.config["INSTANCE_PATH"]) / "uploads" / "budgets"
    path.mkdir(parents=True, exist_ok=True)
    return path


def kind_of(content: bytes) -> str | None:
    for signature, extension in SIGNATURES:
        if content.startswith(signature):
            return extension
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "webp"
    return None


def max_bytes() -> int:
    return int(current_app.config.get("BUDGETS_IMAGE_MAX_BYTES", DEFAULT_MAX_BYTES))


def read_upload(upload: FileStorage | None) -> tuple[bytes | None, str | None]:
    """``(content, None)`` for an acceptable image, ``(None, message)`` otherwise,
    ``(None, None)`` when no file was sent."""
    if upload is None or not upload.filename:
        return None, None
    content = upload.read(max_bytes() + 1)
    if len(content) > max_bytes():
        return None, api._("The image is too large: at most %(size)d KB.", size=max_bytes() // 1024)
    if kind_of(content) is None:
        return None, api._("Choose a PNG, JPEG or WebP image.")
    return content, None


def store(content: bytes) -> str:
    """Write the image and return its file name."""
    name = f"{hashlib.sha256(content).hexdigest()[:32]}.{kind_of(content)}"
    target = folder() / name
    if not target.exists():
        temporary = target.with_suffix(".part")
        temporary.write_bytes(content)
        os.replace(temporary, target)
    return name
