"""The minutes form: what happened at a meeting, and the proposals that came out of it."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from pnyx import api
from pnyx_meetings import forms
from pnyx_meetings.forms import Form
from pnyx_meetings.models import Meeting, Minutes

PROPOSAL_TYPE = "proposals_proposal"
#: The link from a meeting to a proposal that came out of it (both plugins read it).
PROPOSAL_LINK = "meetings.proposals_from_meeting"
#: What separates the numbers typed: commas, semicolons, spaces (and "#" before a number).
SEPARATORS = re.compile(r"[\s,;]+")


def read_minutes_form(data: MultiDict[str, str], *, with_proposals: bool) -> Form:
    form = Form(raw=forms.raw_from(data))
    forms.translated_field(form, "text", required=True)
    forms.integer_field(form, "attendees_count")
    forms.integer_field(form, "contributions_count")
    forms.text_field(form, "attending_organizations", max_length=5000)
    forms.url_field(form, "video_url")
    forms.url_field(form, "audio_url")
    forms.boolean_field(form, "published")
    form.values["proposal_ids"] = []
    if with_proposals:
        _proposals(form)
    return form


def _proposals(form: Form) -> None:
    """Proposal numbers typed as ``12, 15 40``: each must be a proposal that exists."""
    typed = [word.lstrip("#") for word in SEPARATORS.split(form.get("proposals")) if word]
    not_numbers = [word for word in typed if not (word.isascii() and word.isdigit())]
    if not_numbers:
        form.errors["proposals"] = api._(
            "Type proposal numbers separated by commas; these are not numbers: %(words)s.",
            words=", ".join(not_numbers),
        )
        return
    ids = list(dict.fromkeys(int(word) for word in typed))
    known = api.links.describe(api.db_session(), PROPOSAL_TYPE, ids)
    unknown = [str(number) for number in ids if number not in known]
    if unknown:
        form.errors["proposals"] = api._(
            "No proposal has these numbers: %(numbers)s.", numbers=", ".join(unknown)
        )
    form.values["proposal_ids"] = [number for number in ids if number in known]


def previews(form: Form) -> dict[str, api.Markup]:
    """The minutes as typed, rendered per language, for the preview button. Participants
    organize meetings too, so links keep ``nofollow ugc`` (docs/rich-text.md)."""
    _default, codes = forms.locales()
    typed = {code: form.get(f"text-{code}") or "" for code in codes}
    return {code: api.render_rich_text(text) for code, text in typed.items() if text.strip()}


def form_from(meeting: Meeting, proposal_ids: list[int]) -> Form:
    """The form filled with the meeting's minutes, or suggestions for new ones."""
    raw: MultiDict[str, str] = MultiDict({"published": "1"})
    minutes = meeting.minutes
    if minutes is not None:
        for code, text in (minutes.text or {}).items():
            raw[f"text-{code}"] = text
        raw.update(
            {
                "attendees_count": str(minutes.attendees_count),
                "contributions_count": str(minutes.contributions_count),
                "attending_organizations": minutes.attending_organizations,
                "video_url": minutes.video_url,
                "audio_url": minutes.audio_url,
            }
        )
        if not minutes.published:
            del raw["published"]
    raw["proposals"] = ", ".join(str(number) for number in proposal_ids)
    return Form(raw=raw)


def apply(session: Session, meeting: Meeting, form: Form, closer: api.User) -> Minutes:
    """Write the minutes and the links to proposals; the caller commits."""
    minutes = meeting.minutes
    if minutes is None:
        minutes = Minutes(meeting=meeting, closed_by_id=closer.id)
        session.add(minutes)
    values = form.values
    minutes.text = values["text"]
    for name in ("attendees_count", "contributions_count", "attending_organizations"):
        setattr(minutes, name, values[name])
    minutes.video_url = values["video_url"]
    minutes.audio_url = values["audio_url"]
    minutes.published = values["published"]
    return minutes


def set_proposal_links(session: Session, meeting: Meeting, wanted: list[int]) -> None:
    """Make this meeting's links to proposals exactly ``wanted``."""
    source = ("meetings_meeting", meeting.id)
    current = set(api.links.linked_ids(session, PROPOSAL_LINK, source=source))
    for number in current - set(wanted):
        api.links.unlink(session, PROPOSAL_LINK, source, (PROPOSAL_TYPE, number))
    for number in wanted:
        if number not in current:
            api.links.link(session, PROPOSAL_LINK, source, (PROPOSAL_TYPE, number))
