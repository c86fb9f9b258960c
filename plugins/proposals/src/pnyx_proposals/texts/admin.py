"""The admin page of the participatory text: import a file, publish it, publish new versions
(a snapshot of the amended articles, or a revised file imported: :mod:`.revisions`).

Refused files come back on the same page (400) with the reason and the title
typed kept; nothing is stored until the file reads as sections and articles.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_proposals.admin import blueprint
from pnyx_proposals.texts import parsing, publishing, revisions
from pnyx_proposals.texts.permissions import MANAGE_TEXT
from pnyx_proposals.texts.views import changes_since

Page = str | tuple[str, int] | Response
MAX_NOTE = 5000


def render_page(
    errors: dict[str, str] | None = None, values: dict[str, str] | None = None, status: int = 200
) -> tuple[str, int]:
    session = api.db_session()
    component = api.current_component()
    pending = publishing.pending_version(session, component.id)
    published = publishing.published_version(session, component.id)
    revision = pending is not None and published is not None
    page = render_template(
        "proposals/texts/admin.html",
        pending=pending,
        published=published,
        # A revised version waiting: what it changes, article by article, before publishing.
        changes=changes_since(published, pending) if revision else {},
        removed=revisions.removed(published, pending) if revision else [],
        versions=publishing.versions(session, component.id),
        errors=errors or {},
        values=values or {},
        max_bytes=parsing.MAX_BYTES,
    )
    return page, status


@blueprint.get("/text")
@api.requires(MANAGE_TEXT)
def text_admin() -> Page:
    return render_page()


@blueprint.post("/text/import")
@api.upload_limit(parsing.MAX_BYTES)
@api.requires(MANAGE_TEXT)
def import_text() -> Page:
    title = " ".join(request.form.get("title", "").split())
    note = request.form.get("import_note", "").replace("\r\n", "\n").strip()
    published = publishing.published_version(api.db_session(), api.current_component().id)
    # Staff say the text's language (the page's by default; a revision keeps the published
    # one's): its articles are marked with it wherever they show (WCAG 3.1.2).
    language, language_error = api.read_written_language(
        request.form, current=published.language if published else None
    )
    values = {"title": title, "import_note": note, "language": language}
    errors: dict[str, str] = {"language": language_error} if language_error else {}
    if not 3 <= len(title) <= 200:
        errors["title"] = api._("Give the text a title of 3 to 200 characters.")
    if len(note) > MAX_NOTE:
        errors["import_note"] = api._("The note has at most 5000 characters.")
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        errors["file"] = api._("Choose the file of the text.")
    if errors:
        return render_page(errors, values, 400)
    assert upload is not None and upload.filename
    session = api.db_session()
    try:
        source, nodes = parsing.read_upload(upload.filename, upload.read(parsing.MAX_BYTES + 1))
    except parsing.ImportRefusedError as refused:
        errors["file"] = str(refused)
        return render_page(errors, values, 400)
    component, user = api.current_component(), api.current_user()
    try:
        version = publishing.import_text(
            session,
            component,
            title,
            source,
            upload.filename,
            nodes,
            user,
            note=note,
            language=language,
        )
        session.commit()
    except IntegrityError:  # a version was published at the same moment: its number is taken
        session.rollback()
        errors["file"] = api._("Another version was published at the same moment: check it first.")
        return render_page(errors, values, 409)
    articles = sum(1 for item in version.items if item.is_article)
    flash(
        api.ngettext(
            "Imported: %(num)d article. Read it below, then publish it.",
            "Imported: %(num)d articles. Read them below, then publish them.",
            articles,
        ),
        "success",
    )
    return redirect(url_for("proposals_admin.text_admin"))


@blueprint.post("/text/publish")
@api.requires(MANAGE_TEXT)
def publish_text() -> Response:
    session = api.db_session()
    pending = publishing.pending_version(session, api.current_component().id)
    if pending is None:
        flash(api._("There is no imported text to publish."), "error")
        return redirect(url_for("proposals_admin.text_admin"))
    revision = publishing.published_version(session, pending.component_id) is not None
    try:
        count = publishing.publish_imported(session, pending)
        session.commit()
    except publishing.AlreadyPublishedError:
        session.rollback()
        flash(api._("There is no imported text to publish."), "error")
        return redirect(url_for("proposals_admin.text_admin"))
    if revision:
        message = api._("Version %(number)d of the text is published.", number=pending.number)
        flash(message, "success")
        return redirect(url_for("proposals_admin.text_admin"))
    flash(
        api.ngettext(
            "The text is published: %(num)d article can now be amended and commented.",
            "The text is published: %(num)d articles can now be amended and commented.",
            count,
        ),
        "success",
    )
    return redirect(url_for("proposals_admin.text_admin"))


@blueprint.post("/text/discard")
@api.requires(MANAGE_TEXT)
def discard_text() -> Response:
    session = api.db_session()
    if publishing.discard_pending(session, api.current_component()):
        session.commit()
        flash(api._("The imported text is deleted."), "success")
    return redirect(url_for("proposals_admin.text_admin"))


@blueprint.post("/text/versions")
@api.requires(MANAGE_TEXT)
def publish_text_version() -> Page:
    note = request.form.get("note", "").replace("\r\n", "\n").strip()
    if len(note) > MAX_NOTE:
        errors = {"note": api._("The note has at most 5000 characters.")}
        return render_page(errors, {"note": note}, 400)
    session = api.db_session()
    if publishing.pending_version(session, api.current_component().id) is not None:
        flash(api._("An imported version is waiting: publish it or delete it first."), "error")
        return redirect(url_for("proposals_admin.text_admin"))
    # Clicked twice, the button published two identical versions (docs/forms.md).
    api.submissions.claim()
    try:
        version = publishing.publish_new_version(
            session, api.current_component(), note, api.current_user()
        )
        api.submissions.made(url_for("proposals_admin.text_admin"))
        session.commit()
    except publishing.NothingChangedError as unchanged:
        session.rollback()
        message = api._(
            "No article has changed since version %(number)d: accept amendments or import a "
            "revised text first.",
            number=unchanged.number,
        )
        return render_page({"version": message}, {"note": note}, 400)
    except LookupError:
        session.rollback()
        flash(api._("Publish the imported text first."), "error")
        return redirect(url_for("proposals_admin.text_admin"))
    except IntegrityError:
        session.rollback()
        flash(api._("Another version was published at the same moment: check it first."), "error")
        return redirect(url_for("proposals_admin.text_admin"))
    flash(api._("Version %(number)d of the text is published.", number=version.number), "success")
    return redirect(url_for("proposals_admin.text_admin"))
