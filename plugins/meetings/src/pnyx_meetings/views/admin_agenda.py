"""Admin: a meeting's agenda, one item per form (no JavaScript needed)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from pnyx import api
from pnyx_meetings import agenda, forms
from pnyx_meetings.models import AgendaItem, Meeting
from pnyx_meetings.views.admin import Page, admin_meeting, blueprint


def agenda_page(meeting: Meeting, form: forms.Form, editing: AgendaItem | None = None) -> str:
    tree = agenda.agenda_tree(meeting)
    return render_template(
        "meetings/admin/agenda.html",
        meeting=meeting,
        tree=tree,
        starts=agenda.start_times(meeting, tree),
        form=form,
        editing=editing,
        locales=forms.locales(),
        parents=[
            (item.id, api.translated(item.title))
            for item, _children in tree
            if editing is None or item.id != editing.id
        ],
    )


def agenda_item(meeting: Meeting, item_id: int) -> AgendaItem:
    item = next((i for i in meeting.agenda_items if i.id == item_id), None)
    if item is None:
        abort(404)
    return item


def _log(action: str, meeting: Meeting, item: AgendaItem) -> None:
    api.log_action(
        api.db_session(),
        action,
        resource=("meetings_meeting", meeting.id),
        component=meeting.component,
        extra={"agenda_item_id": item.id},
    )


@blueprint.route("/<int:meeting_id>/agenda", methods=["GET", "POST"], endpoint="agenda")
@api.requires(api.actions.ADMIN_SPACE)
def agenda_view(meeting_id: int) -> Page:
    meeting = admin_meeting(meeting_id)
    if request.method == "GET":
        return agenda_page(meeting, agenda.form_from(None, len(meeting.agenda_items)))
    form = agenda.read_item_form(request.form, meeting)
    if not form.valid:
        return agenda_page(meeting, form), 400
    session = api.db_session()
    api.submissions.claim()  # the form sent twice at once: one item (docs/forms.md)
    item = AgendaItem(meeting=meeting)
    agenda.apply(item, form)
    session.add(item)
    session.flush()
    _log("meetings.agenda_add", meeting, item)
    location = url_for("meetings_admin.agenda", meeting_id=meeting.id)
    api.submissions.made(location)
    session.commit()
    flash(api._("The agenda item is added."), "success")
    return redirect(location)


@blueprint.route("/<int:meeting_id>/agenda/<int:item_id>", methods=["GET", "POST"])
@api.requires(api.actions.ADMIN_SPACE)
def agenda_item_edit(meeting_id: int, item_id: int) -> Page:
    meeting = admin_meeting(meeting_id)
    item = agenda_item(meeting, item_id)
    if request.method == "GET":
        return agenda_page(meeting, agenda.form_from(item), item)
    form = agenda.read_item_form(request.form, meeting, item)
    if not form.valid:
        return agenda_page(meeting, form, item), 400
    agenda.apply(item, form)
    _log("meetings.agenda_update", meeting, item)
    api.db_session().commit()
    flash(api._("The agenda item is saved."), "success")
    return redirect(url_for("meetings_admin.agenda", meeting_id=meeting.id))


@blueprint.post("/<int:meeting_id>/agenda/<int:item_id>/delete")
@api.requires(api.actions.ADMIN_SPACE)
def agenda_item_delete(meeting_id: int, item_id: int) -> Page:
    meeting = admin_meeting(meeting_id)
    item = agenda_item(meeting, item_id)
    asked = api.confirm_first(
        title=api._("Delete the agenda item %(title)s?", title=api.translated(item.title)),
        consequence=api._("Its sub-items are deleted with it."),
        button=api._("Yes, delete the item"),
        cancel_url=url_for(
            "meetings_admin.agenda_item_edit", meeting_id=meeting.id, item_id=item.id
        ),
    )
    if asked is not None:
        return asked
    session = api.db_session()
    _log("meetings.agenda_delete", meeting, item)
    for child in [i for i in meeting.agenda_items if i.parent_id == item.id]:
        meeting.agenda_items.remove(child)
    meeting.agenda_items.remove(item)
    session.commit()
    flash(api._("The agenda item is deleted."), "success")
    return redirect(url_for("meetings_admin.agenda", meeting_id=meeting.id))
