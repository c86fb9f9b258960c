"""Agenda items: reading the form, checking durations, placing items in time."""

from __future__ import annotations

import datetime as dt

from werkzeug.datastructures import MultiDict

from pnyx import api
from pnyx_meetings import forms
from pnyx_meetings.forms import Form
from pnyx_meetings.models import AgendaItem, Meeting

#: An agenda item lasts at most a day.
MAX_MINUTES = 24 * 60


def read_item_form(
    data: MultiDict[str, str], meeting: Meeting, item: AgendaItem | None = None
) -> Form:
    """Check an agenda item; sub-items fit in their parent, items in the meeting."""
    form = Form(raw=forms.raw_from(data))
    forms.translated_field(form, "title", required=True, max_length=200)
    forms.translated_field(form, "description", max_length=5000)
    forms.integer_field(form, "duration_minutes", maximum=MAX_MINUTES)
    forms.integer_field(form, "position", maximum=1000)
    parent = _parent(form, meeting, item)
    if form.valid:
        _check_durations(form, meeting, item, parent)
    return form


def _parent(form: Form, meeting: Meeting, item: AgendaItem | None) -> AgendaItem | None:
    """The chosen top-level item, if any (one level of sub-items)."""
    text = form.get("parent_id")
    form.values["parent_id"] = None
    if not text:
        return None
    parents = {i.id: i for i in meeting.agenda_items if i.parent_id is None}
    parent = parents.get(api.as_int(text) or 0)
    has_children = item is not None and any(i.parent_id == item.id for i in meeting.agenda_items)
    if parent is None or (item is not None and parent.id == item.id) or has_children:
        form.errors["parent_id"] = api._("Choose a main item that is not this one.")
        return None
    form.values["parent_id"] = parent.id
    return parent


def _check_durations(
    form: Form, meeting: Meeting, item: AgendaItem | None, parent: AgendaItem | None
) -> None:
    duration = form.values["duration_minutes"]
    others = [i for i in meeting.agenda_items if item is None or i.id != item.id]
    if parent is not None:
        used = sum(i.duration_minutes for i in others if i.parent_id == parent.id)
        if used + duration > parent.duration_minutes:
            form.errors["duration_minutes"] = api.ngettext(
                "Sub-items last longer than their main item (%(num)d minute).",
                "Sub-items last longer than their main item (%(num)d minutes).",
                parent.duration_minutes,
            )
        return
    used = sum(i.duration_minutes for i in others if i.parent_id is None)
    length = int((meeting.end_at - meeting.start_at).total_seconds() // 60)
    if used + duration > length:
        form.errors["duration_minutes"] = api.ngettext(
            "The agenda lasts longer than the meeting (%(num)d minute).",
            "The agenda lasts longer than the meeting (%(num)d minutes).",
            length,
        )


def apply(item: AgendaItem, form: Form) -> None:
    for name in ("title", "description", "duration_minutes", "position", "parent_id"):
        setattr(item, name, form.values[name])


def form_from(item: AgendaItem | None, next_position: int = 0) -> Form:
    raw: MultiDict[str, str] = MultiDict({"position": str(next_position)})
    if item is not None:
        for name in ("title", "description"):
            for code, text in (getattr(item, name) or {}).items():
                raw[f"{name}-{code}"] = text
        raw["duration_minutes"] = str(item.duration_minutes)
        raw["position"] = str(item.position)
        raw["parent_id"] = str(item.parent_id or "")
    return Form(raw=raw)


def agenda_tree(meeting: Meeting) -> list[tuple[AgendaItem, list[AgendaItem]]]:
    """Top-level agenda items, each with its sub-items, in order."""
    items = sorted(meeting.agenda_items, key=lambda item: (item.position, item.id))
    children: dict[int, list[AgendaItem]] = {}
    for item in items:
        if item.parent_id is not None:
            children.setdefault(item.parent_id, []).append(item)
    return [(item, children.get(item.id, [])) for item in items if item.parent_id is None]


def start_times(
    meeting: Meeting, tree: list[tuple[AgendaItem, list[AgendaItem]]]
) -> dict[int, dt.datetime]:
    """When each item starts: one after the other from the meeting's start."""
    starts: dict[int, dt.datetime] = {}
    moment = meeting.start_at
    for item, children in tree:
        starts[item.id] = moment
        inner = moment
        for child in children:
            starts[child.id] = inner
            inner += dt.timedelta(minutes=child.duration_minutes)
        moment += dt.timedelta(minutes=item.duration_minutes)
    return starts
