"""The admin views of pages, written once for both scopes (a space's, the organization's).

``register(blueprint, action, scope)`` adds the routes to a blueprint: the
list, a page's form (with its sections), a section's form, deleting (asked
first) and the page's files (``api.attachments.manage``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_pages.forms import PageSchema, SectionSchema, SitePageSchema
from pnyx_pages.models import RESOURCE, Page, PageSection
from pnyx_pages.scope import Scope

Answer = str | tuple[str, int] | Response


def load_page(scope: Scope, page_id: int) -> Page:
    page = api.db_session().scalar(select(Page).where(Page.id == page_id, scope.where()))
    if page is None:
        abort(404)
    return page


def pages_of(scope: Scope) -> list[Page]:
    query = select(Page).where(scope.where()).order_by(Page.position, Page.id)
    return list(api.db_session().scalars(query))


def index(scope: Scope) -> Answer:
    return render_template("pages/admin/index.html", scope=scope, pages=pages_of(scope))


def _page_form(scope: Scope, values: dict[str, Any] | None) -> api.Form:
    return api.Form(SitePageSchema if scope.component is None else PageSchema, values)


def page_form(scope: Scope, page_id: int | None) -> Answer:
    page = load_page(scope, page_id) if page_id is not None else None
    fields = ("title", "slug", "kind", "body", "position", "published", "in_footer")
    values = {name: getattr(page, name) for name in fields} if page else None
    form = _page_form(scope, values)
    if (
        request.method == "POST"
        and not form.previewing(request.form)
        and form.validate(request.form)
    ):
        saved = _save_page(scope, page, form)
        if saved is not None:
            flash(api._("The page is saved."), "success")
            return redirect(scope.url("edit", page_id=saved.id))
    page_html = render_template("pages/admin/form.html", scope=scope, page=page, form=form)
    return page_html, 400 if form.has_errors else 200


def _save_page(scope: Scope, page: Page | None, form: api.Form) -> Page | None:
    session = api.db_session()
    created = page is None
    try:
        # Inside the savepoint: opening it flushes pending changes, which must not hold ours.
        with session.begin_nested():
            if page is None:
                page = Page(component_id=scope.component.id if scope.component else None)
                session.add(page)
            for name, value in form.data.items():
                setattr(page, name, value)
            page.updated_at = api.utcnow()
            session.flush()
    except IntegrityError:
        # The savepoint's rollback took the new page out of the session again.
        form.add_error("slug", api._("Another page already has this web address."))
        return None
    api.log_action(
        session,
        "pages.create" if created else "pages.update",
        resource=(RESOURCE, page.id),
        component=scope.component,
        visibility="admin",
    )
    session.commit()
    return page


def delete_page(scope: Scope, page_id: int) -> Answer:
    page = load_page(scope, page_id)
    confirmation = api.confirm_first(
        title=api._("Delete the page %(title)s?", title=api.translated(page.title)),
        consequence=api._("Its sections and its files are deleted too. This cannot be undone."),
        button=api._("Yes, delete the page"),
        cancel_url=scope.url("edit", page_id=page.id),
    )
    if confirmation is not None:
        return confirmation
    session = api.db_session()
    api.attachments.remove_all(RESOURCE, page.id)
    api.log_action(
        session,
        "pages.delete",
        resource=(RESOURCE, page.id),
        component=scope.component,
        visibility="admin",
        extra={"slug": page.slug},
    )
    session.delete(page)
    session.commit()
    flash(api._("The page is deleted."), "success")
    return redirect(scope.url("index"))


def section_form(scope: Scope, page_id: int, section_id: int | None) -> Answer:
    page = load_page(scope, page_id)
    section = None
    if section_id is not None:
        section = next((s for s in page.sections if s.id == section_id), None)
        if section is None:
            abort(404)
    if section is not None:
        values = {"title": section.title, "body": section.body, "position": section.position}
    else:
        values = {"position": len(page.sections)}
    form = api.Form(SectionSchema, values)
    if (
        request.method == "POST"
        and not form.previewing(request.form)
        and form.validate(request.form)
    ):
        if section is None:
            api.submissions.claim()  # the form sent twice at once: one section (docs/forms.md)
            section = PageSection()
            page.sections.append(section)
        for name, value in form.data.items():
            setattr(section, name, value)
        page.sections.sort(key=lambda item: (item.position, item.id or 0))
        page.updated_at = api.utcnow()
        session = api.db_session()
        session.flush()
        api.log_action(
            session,
            "pages.update",
            resource=(RESOURCE, page.id),
            component=scope.component,
            visibility="admin",
        )
        api.submissions.made(scope.url("edit", page_id=page.id))  # when it was a new section
        session.commit()
        flash(api._("The section is saved."), "success")
        return redirect(scope.url("edit", page_id=page.id))
    html = render_template(
        "pages/admin/section_form.html", scope=scope, page=page, section=section, form=form
    )
    return html, 400 if form.has_errors else 200


def delete_section(scope: Scope, page_id: int, section_id: int) -> Answer:
    page = load_page(scope, page_id)
    section = next((s for s in page.sections if s.id == section_id), None)
    if section is None:
        abort(404)
    confirmation = api.confirm_first(
        title=api._("Delete the section %(title)s?", title=api.translated(section.title)),
        consequence=api._("This cannot be undone."),
        button=api._("Yes, delete the section"),
        cancel_url=scope.url("edit", page_id=page.id),
    )
    if confirmation is not None:
        return confirmation
    page.sections.remove(section)
    api.db_session().commit()
    flash(api._("The section is deleted."), "success")
    return redirect(scope.url("edit", page_id=page.id))


def files(scope: Scope, page_id: int) -> Answer:
    page = load_page(scope, page_id)
    return api.attachments.manage(
        (RESOURCE, page.id),
        space=scope.space,
        component=scope.component,
        title=api._("Files of the page %(title)s", title=api.translated(page.title)),
        back_url=scope.url("edit", page_id=page.id),
        layout=scope.layout,
    )


def register(blueprint: Blueprint, action: str, scope: Callable[[], Scope]) -> None:
    """Add the admin routes to ``blueprint``, each declaring ``action``."""

    def route(rule: str, name: str, view: Callable[..., Answer], methods: list[str]) -> None:
        def endpoint(**values: Any) -> Answer:
            return view(scope(), **values)

        endpoint.__name__ = name
        guarded = api.requires(action)(endpoint)
        if name == "files":
            guarded = api.upload_limit("ATTACHMENTS_MAX_BYTES")(guarded)
        blueprint.add_url_rule(rule, name, guarded, methods=methods)

    route("/", "index", index, ["GET"])
    route("/new", "new", lambda s: page_form(s, None), ["GET", "POST"])
    route("/<int:page_id>/edit", "edit", page_form, ["GET", "POST"])
    route("/<int:page_id>/delete", "delete", delete_page, ["POST"])
    route("/<int:page_id>/sections/new", "section_new", _new_section, ["GET", "POST"])
    route(
        "/<int:page_id>/sections/<int:section_id>/edit",
        "section_edit",
        section_form,
        ["GET", "POST"],
    )
    route(
        "/<int:page_id>/sections/<int:section_id>/delete",
        "section_delete",
        delete_section,
        ["POST"],
    )
    route("/<int:page_id>/files", "files", files, ["GET", "POST"])


def _new_section(scope: Scope, page_id: int) -> Answer:
    return section_form(scope, page_id, None)
