"""Serving attachment files: to those who may see their space, with safe headers.

Every file is served with its detected type, ``X-Content-Type-Options:
nosniff`` and a sandboxing Content-Security-Policy, so even a file that
fooled the checks cannot run as a page of the site. Only raster images are
shown inline; everything else (PDF, office documents, SVG) comes with
``Content-Disposition: attachment`` and its cleaned name.
"""

from __future__ import annotations

from flask import Blueprint, abort, g, send_file
from werkzeug.wrappers import Response

from pnyx.attachments.kinds import KINDS
from pnyx.attachments.models import Attachment
from pnyx.attachments.private import may_read
from pnyx.attachments.storage import KEY, storage
from pnyx.core_hooks import PUBLIC
from pnyx.db import get_session
from pnyx.models import Component, Space
from pnyx.permissions import Decision, visibility
from pnyx.web.guards import deny, requires

blueprint = Blueprint("pnyx_attachments", __name__)

FILE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
ONE_YEAR = 365 * 24 * 3600


def _visible_attachment(key: str) -> tuple[Attachment, bool]:
    """The attachment stored under ``key`` if the person may see it, and whether everyone
    may (then shared caches may keep it)."""
    if not KEY.match(key):
        abort(404)
    session = get_session()
    attachment = session.query(Attachment).filter_by(key=key).one_or_none()
    if attachment is None:
        abort(404)
    target = None
    if attachment.component_id is not None:
        target = session.get(Component, attachment.component_id)
    elif attachment.space_id is not None:
        target = session.get(Space, attachment.space_id)
    if attachment.readers_action is not None:
        return _private(attachment, target)
    if target is None:
        return attachment, True
    decision = visibility(g.get("user"), target)
    if not decision:
        if decision.missing == "sign_in":
            abort(deny(decision))
        abort(404)  # unpublished: as if it did not exist
    space = target if isinstance(target, Space) else target.space
    public = visibility(None, target).allowed and not space.private
    return attachment, public


def _private(attachment: Attachment, target: object) -> tuple[Attachment, bool]:
    """A private file: to its sender and the people allowed its ``readers_action``."""
    user = g.get("user")
    if user is None:
        abort(deny(Decision(False, missing="sign_in")))
    if not may_read(user, attachment, target):
        abort(404)  # as if it did not exist: its key says nothing to others
    return attachment, False


def _send(key: str, content_type: str, download_name: str | None, public: bool) -> Response:
    try:
        file = storage().open(key)
    except FileNotFoundError:
        abort(404)
    response = send_file(
        file,
        mimetype=content_type,
        as_attachment=download_name is not None,
        download_name=download_name,
        etag=key,
        conditional=True,
    )
    response.headers["Content-Security-Policy"] = FILE_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    if public:
        # The key changes with the content: a file may be kept for a year.
        response.cache_control.public = True
        response.cache_control.max_age = ONE_YEAR
    else:
        response.headers["Cache-Control"] = "private, no-store"
    return response


@blueprint.get("/files/<key>")
@requires(PUBLIC)  # the file's own space decides, in _visible_attachment
def file(key: str) -> Response:
    attachment, public = _visible_attachment(key)
    kind = KINDS.get(attachment.kind)
    inline = kind is not None and kind.inline
    download_name = None if inline else attachment.filename
    return _send(attachment.key, attachment.content_type, download_name, public)


@blueprint.get("/files/<key>/<size>")
@requires(PUBLIC)  # the file's own space decides, in _visible_attachment
def thumbnail(key: str, size: str) -> Response:
    attachment, public = _visible_attachment(key)
    thumbnail_key = attachment.thumbnails.get(size)
    if thumbnail_key is None:
        abort(404)
    return _send(thumbnail_key, "image/webp", None, public)
