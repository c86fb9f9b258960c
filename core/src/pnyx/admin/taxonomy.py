"""Territories and themes: hierarchical terms that content points to.

The list shows one level at a time (the top terms, or one term's children),
paginated, so a département's hundreds of communes stay usable. A term is
chosen as a parent by its code, as in the CSV import.
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from marshmallow import Schema, fields, validate
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from pnyx.admin import blueprint
from pnyx.admin.editing import log_admin, move_in, render_form
from pnyx.core_hooks import ADMIN
from pnyx.db import get_session
from pnyx.forms import Form, TranslatedText
from pnyx.inputs import int_arg, page_arg
from pnyx.models import TaxonomyTerm
from pnyx.navigation import admin_link
from pnyx.web.guards import requires

admin_link(lambda: _("Territories and themes"), "pnyx_admin.taxonomy")

KIND_LABELS = {"territory": _l("Territories"), "theme": _l("Themes")}


class TermSchema(Schema):
    code = fields.String(
        required=True,
        validate=[
            validate.Length(max=64),
            validate.Regexp(r"^\S+$", error=_l("A code has no spaces.")),
        ],
        metadata={
            "label": _l("Code"),
            "description": _l("A stable identifier, such as the INSEE code of a commune."),
        },
    )
    name = TranslatedText(required=True, max_length=200, metadata={"label": _l("Name")})
    parent_code = fields.String(
        load_default="",
        metadata={
            "label": _l("Code of the parent term"),
            "description": _l("Leave empty for a top-level term."),
        },
    )


def term_kind(kind: str) -> str:
    if kind not in TaxonomyTerm.KINDS:
        abort(404)
    return kind


def load_term(kind: str, term_id: int | None) -> TaxonomyTerm | None:
    if term_id is None:
        return None
    term = get_session().get(TaxonomyTerm, term_id)
    if term is None or term.kind != kind:
        abort(404)
    return term


def ancestors(term: TaxonomyTerm | None) -> list[TaxonomyTerm]:
    """``term`` and the terms above it, top first."""
    chain = []
    while term is not None:
        chain.insert(0, term)
        term = get_session().get(TaxonomyTerm, term.parent_id) if term.parent_id else None
    return chain


@blueprint.get("/taxonomies")
@requires(ADMIN)
def taxonomy() -> Response:
    return redirect(url_for("pnyx_admin.taxonomy_terms", kind="territory"))


@blueprint.get("/taxonomies/<kind>")
@requires(ADMIN)
def taxonomy_terms(kind: str) -> str:
    parent = load_term(term_kind(kind), int_arg("parent"))
    page = page_arg()
    size = current_app.config["PAGE_SIZE"]
    query = (
        select(TaxonomyTerm)
        .where(TaxonomyTerm.kind == kind, TaxonomyTerm.parent_id == (parent.id if parent else None))
        .order_by(TaxonomyTerm.position, TaxonomyTerm.id)
        .offset((page - 1) * size)
        .limit(size + 1)
    )
    terms = list(get_session().scalars(query))
    return render_template(
        "pnyx/admin/taxonomy_terms.html",
        kind=kind,
        kind_labels=KIND_LABELS,
        parent=parent,
        trail=ancestors(parent),
        terms=terms[:size],
        children=children_counts([t.id for t in terms[:size]]),
        page=page,
        has_next=len(terms) > size,
    )


def children_counts(ids: list[int]) -> dict[int, int]:
    """How many sub-terms each term has, in one query."""
    if not ids:
        return {}
    query = (
        select(TaxonomyTerm.parent_id, func.count())
        .where(TaxonomyTerm.parent_id.in_(ids))
        .group_by(TaxonomyTerm.parent_id)
    )
    return {parent_id: count for parent_id, count in get_session().execute(query)}


def list_url(kind: str, parent_id: int | None) -> str:
    return url_for("pnyx_admin.taxonomy_terms", kind=kind, parent=parent_id)


@blueprint.route("/taxonomies/<kind>/new", methods=["GET", "POST"])
@requires(ADMIN)
def taxonomy_term_new(kind: str) -> tuple[str, int] | Response:
    parent = load_term(term_kind(kind), int_arg("parent"))
    form = Form(TermSchema, {"parent_code": parent.code if parent else ""})
    if request.method == "POST" and form.validate(request.form):
        term = TaxonomyTerm(kind=kind, code=form.data["code"], name=form.data["name"])
        if save_term(term, form, created=True):
            flash(_("The term %(code)s is added.", code=term.code), "success")
            return redirect(list_url(kind, term.parent_id))
    return render_form("pnyx/admin/taxonomy_term_form.html", form, kind=kind, term=None)


@blueprint.route("/taxonomies/<kind>/<int:term_id>", methods=["GET", "POST"])
@requires(ADMIN)
def taxonomy_term(kind: str, term_id: int) -> tuple[str, int] | Response:
    term = load_term(term_kind(kind), term_id)
    assert term is not None
    parent = get_session().get(TaxonomyTerm, term.parent_id) if term.parent_id else None
    values = {"code": term.code, "name": term.name, "parent_code": parent.code if parent else ""}
    form = Form(TermSchema, values)
    if request.method == "POST" and form.validate(request.form):
        term.code, term.name = form.data["code"], form.data["name"]
        if save_term(term, form, created=False):
            flash(_("The term %(code)s is saved.", code=term.code), "success")
            return redirect(list_url(kind, term.parent_id))
    return render_form("pnyx/admin/taxonomy_term_form.html", form, kind=kind, term=term)


def save_term(term: TaxonomyTerm, form: Form, *, created: bool) -> bool:
    """Place ``term`` under the chosen parent and commit, or put the errors on ``form``."""
    session = get_session()
    with session.no_autoflush:  # checks first: an edited term must not be written yet
        parent = chosen_parent(session, term, form)
        if code_taken(session, term):
            form.add_error("code", _("Another term already has this code."))
    if form.has_errors:
        session.rollback()
        return False
    parent_id = parent.id if parent else None
    if created or term.parent_id != parent_id:
        with session.no_autoflush:
            term.position = next_position(session, term.kind, parent_id)
        term.parent_id = parent_id
    session.add(term)
    try:
        session.flush()
    except IntegrityError:  # another admin took the code meanwhile
        session.rollback()
        form.add_error("code", _("Another term already has this code."))
        return False
    action = "pnyx.taxonomy.create" if created else "pnyx.taxonomy.update"
    log_admin(session, action, ("taxonomy_term", term.id), extra={"code": term.code})
    session.commit()
    return True


def chosen_parent(session: Session, term: TaxonomyTerm, form: Form) -> TaxonomyTerm | None:
    code = form.data.get("parent_code", "")
    if not code:
        return None
    query = select(TaxonomyTerm).where(TaxonomyTerm.kind == term.kind, TaxonomyTerm.code == code)
    parent = session.scalar(query)
    if parent is None:
        form.add_error("parent_code", _("No term has this code."))
    elif term.id is not None and any(t.id == term.id for t in ancestors(parent)):
        form.add_error("parent_code", _("A term cannot be placed under itself or its sub-terms."))
    return parent


def code_taken(session: Session, term: TaxonomyTerm) -> bool:
    query = select(TaxonomyTerm.id).where(
        TaxonomyTerm.kind == term.kind, TaxonomyTerm.code == term.code
    )
    found = session.scalar(query)
    return found is not None and found != term.id


def next_position(session: Session, kind: str, parent_id: int | None) -> int:
    query = select(func.max(TaxonomyTerm.position)).where(
        TaxonomyTerm.kind == kind, TaxonomyTerm.parent_id == parent_id
    )
    highest = session.scalar(query)
    return 0 if highest is None else highest + 1


@blueprint.post("/taxonomies/<kind>/<int:term_id>/move")
@requires(ADMIN)
def taxonomy_term_move(kind: str, term_id: int) -> Response:
    term = load_term(term_kind(kind), term_id)
    assert term is not None
    session = get_session()
    siblings = list(
        session.scalars(
            select(TaxonomyTerm)
            .where(TaxonomyTerm.kind == kind, TaxonomyTerm.parent_id == term.parent_id)
            .order_by(TaxonomyTerm.position, TaxonomyTerm.id)
            .with_for_update()
        )
    )
    if move_in(siblings, term, request.form.get("direction", "")):
        log_admin(session, "pnyx.taxonomy.move", ("taxonomy_term", term.id))
        session.commit()
    return redirect(list_url(kind, term.parent_id) + f"#term-{term.id}")


@blueprint.route("/taxonomies/<kind>/<int:term_id>/delete", methods=["GET", "POST"])
@requires(ADMIN)
def taxonomy_term_delete(kind: str, term_id: int) -> tuple[str, int] | Response:
    term = load_term(term_kind(kind), term_id)
    assert term is not None
    reason = deletion_blocker(term)
    if request.method == "POST" and reason is None:
        session = get_session()
        parent_id = term.parent_id
        try:
            with session.begin_nested():
                session.delete(term)
                log_admin(
                    session,
                    "pnyx.taxonomy.delete",
                    ("taxonomy_term", term.id),
                    extra={"code": term.code},
                )
        except IntegrityError:
            # Content of a plugin points to the term (its foreign key refuses).
            reason = _("Content still refers to this term: change that content first.")
        else:
            session.commit()
            flash(_("The term %(code)s is deleted.", code=term.code), "success")
            return redirect(list_url(kind, parent_id))
    page = render_template(
        "pnyx/admin/taxonomy_term_delete.html", kind=kind, term=term, reason=reason
    )
    return page, 409 if request.method == "POST" else 200


def deletion_blocker(term: TaxonomyTerm) -> str | None:
    query = select(func.count()).where(TaxonomyTerm.parent_id == term.id)
    children = get_session().scalar(query) or 0
    if children:
        return ngettext(
            "This term has %(num)d sub-term: move or delete it first.",
            "This term has %(num)d sub-terms: move or delete them first.",
            children,
        )
    return None
