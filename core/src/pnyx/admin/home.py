"""The home page's blocks: staff add, order, set and remove them (no script needed).

Blocks are addressed by their place on the page (``/admin/home/blocks/2``);
each form also posts the block's name, so a change made meanwhile by another
admin is noticed rather than applied to the wrong block.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from pnyx import submissions
from pnyx.admin import blueprint
from pnyx.admin.editing import log_admin, move_in, render_form, submitted_for_saving
from pnyx.confirm import confirm_first
from pnyx.core_hooks import ADMIN
from pnyx.db import get_session
from pnyx.forms import Form
from pnyx.home.composition import composition, declared_blocks, rows_to_edit
from pnyx.models import HomePageBlock
from pnyx.navigation import admin_link
from pnyx.web.guards import requires

admin_link(lambda: _("Home page"), "pnyx_admin.home")


def back() -> Response:
    return redirect(url_for("pnyx_admin.home"))


def row_at(session: Session, position: int) -> HomePageBlock | None:
    """The stored block at ``position`` if it is the one the form names, else ``None``
    (with a message): the page changed since the admin loaded it."""
    rows = rows_to_edit(session)
    if 0 <= position < len(rows) and rows[position].block == request.form.get("block"):
        return rows[position]
    session.rollback()
    flash(_("The home page changed meanwhile: check it and try again."), "error")
    return None


@blueprint.get("/home")
@requires(ADMIN)
def home() -> str:
    blocks, composed = composition()
    return render_template(
        "pnyx/admin/home.html", blocks=blocks, composed=composed, declared=declared_blocks()
    )


@blueprint.post("/home/blocks")
@requires(ADMIN)
def home_block_add() -> Response:
    name = request.form.get("block", "")
    declared = declared_blocks().get(name)
    if declared is None:
        flash(_("Choose a block from the list."), "error")
        return back()
    session = get_session()
    submissions.claim()  # clicked twice, the button added the block twice (docs/forms.md)
    rows = rows_to_edit(session)
    session.add(HomePageBlock(block=name, position=len(rows), settings={}))
    log_admin(session, "pnyx.home.add", None, extra={"block": name})
    answer = back()
    if declared.settings_schema is not None:
        answer = redirect(url_for("pnyx_admin.home_block", position=len(rows)))
    submissions.made(answer.location)
    session.commit()
    flash(_("The block is added at the end of the page."), "success")
    return answer


@blueprint.post("/home/blocks/<int:position>/move")
@requires(ADMIN)
def home_block_move(position: int) -> Response:
    session = get_session()
    row = row_at(session, position)
    if row is not None:
        if move_in(rows_to_edit(session), row, request.form.get("direction", "")):
            log_admin(session, "pnyx.home.move", None, extra={"block": row.block})
        session.commit()
    return back()


@blueprint.route("/home/blocks/<int:position>", methods=["GET", "POST"])
@requires(ADMIN)
def home_block(position: int) -> tuple[str, int] | Response:
    blocks, _composed = composition()
    placed = blocks[position] if 0 <= position < len(blocks) else None
    if placed is None or placed.declared is None or placed.declared.settings_schema is None:
        abort(404)
    form = Form(placed.declared.settings_schema(), placed.settings)
    if submitted_for_saving(form):
        session = get_session()
        row = row_at(session, position)
        if row is None:
            return back()
        row.settings = form.data
        log_admin(session, "pnyx.home.update", None, extra={"block": row.block})
        session.commit()
        flash(_("The block is saved."), "success")
        return back()
    return render_form("pnyx/admin/home_block.html", form, placed=placed, position=position)


@blueprint.post("/home/blocks/<int:position>/delete")
@requires(ADMIN)
def home_block_delete(position: int) -> tuple[str, int] | Response:
    session = get_session()
    row = row_at(session, position)
    if row is None:
        return back()
    label = declared_blocks()[row.block].label if row.block in declared_blocks() else row.block
    page = confirm_first(
        title=_("Remove the block %(name)s from the home page?", name=label),
        consequence=_("Its settings are lost; you can add the block again later."),
        button=_("Yes, remove the block"),
        cancel_url=url_for("pnyx_admin.home"),
    )
    if page is not None:
        session.rollback()
        return page
    rows = rows_to_edit(session)
    rows.remove(row)
    session.delete(row)
    for index, each in enumerate(rows):
        each.position = index
    log_admin(session, "pnyx.home.remove", None, extra={"block": row.block})
    session.commit()
    flash(_("The block is removed."), "success")
    return back()
