"""The staff page that manages an owner's files, cover image and collections (no JavaScript).

One URL per owner handles everything: GET draws the page; each form posts
back to it with an ``operation`` (``upload``, ``cover``, ``collection``,
``delete``, ``delete_cover``), and the answer is a redirect (POST → redirect →
GET) or the page again with the reason a file was refused. Deleting asks
first (``api.confirm_first``). The core mounts it for spaces and components;
a plugin mounts it for its own resource types with :func:`manage`.
"""

from __future__ import annotations

from typing import Any

from flask import flash, g, redirect, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema
from sqlalchemy import select
from werkzeug.wrappers import Response

from pnyx import submissions
from pnyx.admin.editing import log_admin
from pnyx.attachments import service
from pnyx.attachments.kinds import ACCEPTED_EXTENSIONS
from pnyx.attachments.models import Attachment, AttachmentCollection
from pnyx.attachments.upload import AttachmentError, max_bytes, size_label
from pnyx.confirm import confirm_first
from pnyx.db import get_session
from pnyx.forms import Form, TranslatedText
from pnyx.models import Component, Space


class FileSchema(Schema):
    title = TranslatedText(
        max_length=200,
        metadata={
            "label": _l("Title"),
            "help": _l("Optional: the file's name is shown without one."),
        },
    )
    alt = TranslatedText(
        max_length=300,
        metadata={
            "label": _l("Alternative text"),
            "help": _l("For an image: what it shows, for people who cannot see it (required)."),
        },
    )


class CoverSchema(Schema):
    alt = TranslatedText(
        required=True,
        max_length=300,
        metadata={
            "label": _l("Alternative text"),
            "help": _l("What the image shows, for people who cannot see it."),
        },
    )


class CollectionSchema(Schema):
    title = TranslatedText(required=True, max_length=200, metadata={"label": _l("Title")})
    description = TranslatedText(
        multiline=True, max_length=2000, metadata={"label": _l("Description")}
    )


def manage(
    owner: tuple[str, int],
    *,
    space: Space | None,
    component: Component | None = None,
    title: str,
    cover: bool = False,
    back_url: str | None = None,
    layout: str = "pnyx/admin/layout.html",
) -> Response | tuple[str, int]:
    """Answer the current request to the owner's file management page.

    The view calling it declares its action (staff only) and
    ``@api.upload_limit("ATTACHMENTS_MAX_BYTES")``. ``cover=True`` offers a
    cover image (cards and banners) besides the files.
    """
    forms = {
        "upload": Form(FileSchema, prefix="upload"),
        "cover": Form(CoverSchema, prefix="cover"),
        "collection": Form(CollectionSchema, prefix="collection"),
    }
    errors: dict[str, str] = {}
    if request.method == "POST":
        answer = _post(owner, space, component, forms, errors, cover)
        if answer is not None:
            return answer
    collections = service.collections_of(*owner)
    page = render_template(
        "pnyx/attachments/manage.html",
        layout=layout,
        title=title,
        back_url=back_url,
        forms=forms,
        errors=errors,
        groups=service.grouped(*owner),
        collections=collections,
        cover=service.cover(*owner) if cover else None,
        offer_cover=cover,
        max_size=size_label(max_bytes()),
        extensions=", ".join(extension.upper() for extension in ACCEPTED_EXTENSIONS),
    )
    return page, 400 if errors or any(form.has_errors for form in forms.values()) else 200


def _post(
    owner: tuple[str, int],
    space: Space | None,
    component: Component | None,
    forms: dict[str, Form],
    errors: dict[str, str],
    cover: bool,
) -> Response | tuple[str, int] | None:
    operation = request.form.get("operation", "")
    if operation == "upload":
        return _upload(owner, space, component, forms["upload"], errors)
    if operation == "cover" and cover:
        return _upload_cover(owner, space, component, forms["cover"], errors)
    if operation == "collection":
        return _add_collection(owner, space, forms["collection"])
    if operation in ("delete", "delete_cover"):
        return _delete(owner, space)
    flash(_("Nothing was changed."), "error")
    return redirect(request.path)


def _upload(owner, space, component, form: Form, errors: dict[str, str]) -> Response | None:
    form.validate(request.form)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        errors["upload"] = _("Choose a file to send.")
        return None
    if form.has_errors:
        return None
    collection = _collection(owner, request.form.get("collection", type=int))
    submissions.claim()  # sent twice, the same file was attached twice (docs/forms.md)
    try:
        attachment, notes = service.attach(
            upload,
            owner,
            space=space,
            component=component,
            title=form.data["title"],
            alt=form.data["alt"],
            collection=collection,
            user=g.get("user"),
        )
    except AttachmentError as error:
        get_session().rollback()  # the token stays free for another file
        errors["upload"] = str(error)
        return None
    return _saved(attachment, space, "pnyx.attachment.create", notes)


def _upload_cover(owner, space, component, form: Form, errors: dict[str, str]) -> Response | None:
    form.validate(request.form)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        errors["cover"] = _("Choose an image to send.")
        return None
    if form.has_errors:
        return None
    try:
        attachment, notes = service.attach(
            upload,
            owner,
            space=space,
            component=component,
            alt=form.data["alt"],
            cover=True,
            user=g.get("user"),
        )
    except AttachmentError as error:
        errors["cover"] = str(error)
        return None
    return _saved(attachment, space, "pnyx.attachment.cover", notes)


def _saved(
    attachment: Attachment, space: Space | None, action: str, notes: tuple[str, ...]
) -> Response:
    session = get_session()
    session.flush()
    log_admin(
        session,
        action,
        ("attachment", attachment.id),
        space=space,
        extra={"filename": attachment.filename, "owner": attachment.owner_type},
    )
    submissions.made(request.path)
    session.commit()
    flash(_("The file “%(name)s” is saved.", name=attachment.filename), "success")
    for note in notes:
        flash(note, "info")
    return redirect(request.path)


def _collection(owner: tuple[str, int], collection_id: int | None) -> AttachmentCollection | None:
    if not collection_id:
        return None
    collection = get_session().get(AttachmentCollection, collection_id)
    if collection is None or (collection.owner_type, collection.owner_id) != owner:
        return None
    return collection


def _add_collection(owner, space, form: Form) -> Response | None:
    if not form.validate(request.form):
        return None
    submissions.claim()  # sent twice, the form made two collections (docs/forms.md)
    service.add_collection(
        owner, form.data["title"], space=space, description=form.data["description"]
    )
    submissions.made(request.path)
    get_session().commit()
    flash(_("The collection is created."), "success")
    return redirect(request.path)


def _delete(owner: tuple[str, int], space: Space | None) -> Response | tuple[str, int]:
    session = get_session()
    attachment_id = request.form.get("attachment_id", type=int)
    attachment = session.scalar(
        select(Attachment).where(
            Attachment.id == (attachment_id or 0),
            Attachment.owner_type == owner[0],
            Attachment.owner_id == owner[1],
        )
    )
    if attachment is None:
        flash(_("This file no longer exists."), "error")
        return redirect(request.path)
    page = confirm_first(
        title=_("Delete the file “%(name)s”?", name=attachment.filename),
        consequence=_("Readers will no longer find it. This cannot be undone."),
        button=_("Yes, delete the file"),
        cancel_url=request.path,
    )
    if page is not None:
        return page
    log_admin(
        session,
        "pnyx.attachment.delete",
        ("attachment", attachment.id),
        space=space,
        extra={"filename": attachment.filename, "owner": attachment.owner_type},
    )
    service.remove(attachment)
    session.commit()
    flash(_("The file is deleted."), "success")
    return redirect(request.path)


def context_for_template(owner: tuple[str, int]) -> dict[str, Any]:
    """What the public list of an owner's files needs (``pnyx/attachments/_files.html``)."""
    return {"groups": service.grouped(*owner)}
