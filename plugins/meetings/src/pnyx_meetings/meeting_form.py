"""The meeting form, shared by staff (every field) and participants (fewer)."""

from __future__ import annotations

from typing import Any

from werkzeug.datastructures import MultiDict

from pnyx import api
from pnyx_meetings import forms, on_behalf, zones
from pnyx_meetings.forms import Form
from pnyx_meetings.models import Kind, Meeting, OnlineAccess, Organizer

TRANSLATED = ("title", "description", "location", "location_hints", "registration_terms")


def read_meeting_form(
    data: MultiDict[str, str],
    *,
    staff: bool,
    settings: api.ResolvedSettings | None = None,
    meeting: Meeting | None = None,
) -> Form:
    """Check a submitted meeting form; participants' limits come from ``settings``;
    ``meeting`` is the one edited (its organization stays a valid choice)."""
    form = Form(raw=forms.raw_from(data))
    forms.translated_field(form, "title", required=True, max_length=200)
    forms.translated_field(form, "description")
    forms.choice_field(form, "kind", tuple(Kind), Kind.IN_PERSON)
    forms.local_datetime_field(form, "start_at")
    forms.local_datetime_field(form, "end_at")
    start, end = form.values["start_at"], form.values["end_at"]
    if start and end and end <= start:
        form.errors["end_at"] = api._("The meeting must end after it starts.")
    _place(form)
    forms.term_field(form, "territory", "territory")
    forms.terms_field(form, "themes", "theme")
    forms.text_field(form, "group_name", max_length=200)
    _on_behalf(form, meeting)
    _registrations(form, staff, settings)
    if staff:
        forms.choice_field(form, "organizer", tuple(Organizer), Organizer.OFFICIAL)
        forms.boolean_field(form, "published")
        named = form.values["group_name"] or form.values["user_group"] is not None
        if form.values["organizer"] == Organizer.GROUP and not named:
            form.errors["group_name"] = api._("Give the group's name.")
    return form


def _on_behalf(form: Form, meeting: Meeting | None) -> None:
    """The organization chosen as organizer: one the person may act for (``on_behalf``)."""
    raw = form.get("user_group")
    chosen = next((g for g in on_behalf.choices(meeting) if str(g.id) == raw), None)
    if raw and chosen is None:
        form.errors["user_group"] = on_behalf.refused()
    form.values["user_group"] = chosen


def _place(form: Form) -> None:
    """Where: an address in person, a link online, both for a hybrid meeting."""
    kind = form.values["kind"]
    forms.translated_field(form, "location", max_length=200)
    forms.text_field(form, "address", required=kind != Kind.ONLINE)
    forms.translated_field(form, "location_hints", max_length=1000)
    forms.url_field(form, "online_url", required=kind != Kind.IN_PERSON)
    forms.choice_field(form, "online_access", tuple(OnlineAccess), OnlineAccess.PUBLIC)


def _registrations(form: Form, staff: bool, settings: api.ResolvedSettings | None) -> None:
    """Seats and rules; a participant's meeting follows the component's limits."""
    forms.boolean_field(form, "registrations_enabled")
    if staff:
        forms.integer_field(form, "capacity")
        forms.integer_field(form, "reserved_seats")
        forms.boolean_field(form, "waiting_list_enabled")
        forms.translated_field(form, "registration_terms")
        capacity, reserved = form.values["capacity"], form.values["reserved_seats"]
        if capacity and reserved > capacity:
            form.errors["reserved_seats"] = api._("More reserved seats than seats in the room.")
        return
    allowed = settings is None or settings.get("participants_can_enable_registrations")
    most = settings.get("max_capacity_for_participants") if settings is not None else 0
    forms.integer_field(form, "capacity", maximum=most or 1_000_000)
    if not allowed:
        form.values["registrations_enabled"] = False
    elif form.values["registrations_enabled"] and most and not form.values["capacity"]:
        # 0 means "no limit", which a limited component does not offer participants.
        form.errors["capacity"] = api._("Give a number of seats.")


def apply(meeting: Meeting, form: Form, *, staff: bool) -> None:
    """Copy a valid form's values onto ``meeting``."""
    values = form.values
    for name in ("title", "description", "kind", "start_at", "end_at", "location", "address"):
        setattr(meeting, name, values[name])
    meeting.location_hints = values["location_hints"]
    meeting.online_url = values["online_url"]
    meeting.online_access = values["online_access"]
    meeting.territory = values["territory"]
    meeting.themes = values["themes"]
    meeting.group_name = values["group_name"]
    meeting.registrations_enabled = values["registrations_enabled"]
    meeting.capacity = values["capacity"]
    if staff:
        meeting.organizer = values["organizer"]
        meeting.published = values["published"]
        meeting.reserved_seats = values["reserved_seats"]
        meeting.waiting_list_enabled = values["waiting_list_enabled"]
        meeting.registration_terms = values["registration_terms"]
    else:
        meeting.organizer = Organizer.GROUP if values["group_name"] else Organizer.PARTICIPANT
    group = values.get("user_group")
    meeting.user_group = group
    if group is not None:  # organized on behalf of an organization: shown as such
        meeting.organizer = Organizer.GROUP
        meeting.group_name = group.name


def form_from(meeting: Meeting | None) -> Form:
    """A form filled with ``meeting``'s values (or a new meeting's defaults)."""
    raw: MultiDict[str, str] = MultiDict()
    if meeting is None:
        raw.update({"kind": Kind.IN_PERSON, "published": "1", "organizer": Organizer.OFFICIAL})
        return Form(raw=raw)
    for name in TRANSLATED:
        for code, text in (getattr(meeting, name) or {}).items():
            raw[f"{name}-{code}"] = text
    simple: dict[str, Any] = {
        "kind": meeting.kind,
        "start_at": zones.local_input_value(meeting.start_at),
        "end_at": zones.local_input_value(meeting.end_at),
        "address": meeting.address,
        "online_url": meeting.online_url,
        "online_access": meeting.online_access,
        "territory": meeting.territory_id or "",
        "group_name": meeting.group_name,
        "user_group": meeting.user_group_id or "",
        "organizer": meeting.organizer,
        "capacity": meeting.capacity,
        "reserved_seats": meeting.reserved_seats,
    }
    raw.update({key: str(value) for key, value in simple.items()})
    for flag in ("published", "registrations_enabled", "waiting_list_enabled"):
        if getattr(meeting, flag):
            raw[flag] = "1"
    for term in meeting.themes:
        raw.add("themes", str(term.id))
    return Form(raw=raw)
