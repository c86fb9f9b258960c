"""Publishing a proposal as the organization ("official") or as coming from a meeting.

Managers only (``proposals.manage``), in any phase: the proposals come from the
city or from a workshop, not from a resident taking part in this phase.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_proposals import authorship
from pnyx_proposals.admin import blueprint
from pnyx_proposals.forms import ProposalData, read_form
from pnyx_proposals.permissions import MANAGE
from pnyx_proposals.settings import settings_of
from pnyx_proposals.taxonomy import component_terms

Page = str | tuple[str, int] | Response


def render_official(
    data: ProposalData, values: dict[str, str], errors: dict[str, str], status: int = 200
) -> tuple[str, int]:
    settings = settings_of()
    page = render_template(
        "proposals/admin/official.html",
        data=data,
        values=values,
        errors=errors,
        terms=component_terms(settings),
        settings=settings,
        meetings=authorship.meetings_enabled(),
    )
    return page, status


@blueprint.get("/official/new")
@api.requires(MANAGE)
def new_official() -> Page:
    return render_official(ProposalData(), {"authorship": authorship.OFFICIAL}, {})


@blueprint.post("/official/new")
@api.requires(MANAGE)
def create_official() -> Page:
    settings = settings_of()
    data, errors = read_form(request.form, settings, component_terms(settings))
    data.user_group_id = None  # the organization or a meeting: never a group
    values = {
        "authorship": request.form.get("authorship", ""),
        "meeting": request.form.get("meeting", "").strip().lstrip("#"),
    }
    meeting_id = check_authorship(values, errors)
    if errors:
        return render_official(data, values, errors, status=400)
    session = api.db_session()
    api.submissions.claim()  # the form sent twice at once: one proposal (docs/forms.md)
    proposal = authorship.publish_as(
        session, api.current_component(), data, values["authorship"], meeting_id
    )
    location = api.component_url(proposal.component, "show", proposal_id=proposal.id)
    api.submissions.made(location)
    session.commit()
    flash(api._("The proposal is published."), "success")
    return redirect(location)


def check_authorship(values: dict[str, str], errors: dict[str, str]) -> int | None:
    """The meeting's id for a meeting proposal; errors for a wrong choice or number."""
    choice = values["authorship"]
    if choice == authorship.OFFICIAL:
        return None
    if choice != authorship.MEETING or not authorship.meetings_enabled():
        errors["authorship"] = api._("Choose who the proposal comes from.")
        return None
    number = values["meeting"]
    meeting = None
    if number.isdigit() and len(number) < 10:
        meeting = authorship.find_meeting(api.db_session(), int(number))
    if meeting is None:
        errors["meeting"] = api._("Give the number of a published meeting, such as 12.")
        return None
    return int(number)
