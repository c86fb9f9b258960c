"""Reporting a proposal to the moderators, with a reason."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_proposals import moderation
from pnyx_proposals.models import Report
from pnyx_proposals.permissions import REPORT
from pnyx_proposals.views import blueprint
from pnyx_proposals.views.common import load_proposal

MAX_DETAILS = 1000


def render_report(proposal: object, values: dict[str, str], errors: dict[str, str]) -> str:
    return render_template(
        "proposals/report.html",
        proposal=proposal,
        values=values,
        errors=errors,
        reasons=moderation.reason_labels(),
    )


@blueprint.get("/<int:proposal_id>/report")
@api.requires(REPORT)
def report_form(proposal_id: int) -> str:
    proposal = load_proposal(proposal_id)
    api.require(REPORT, proposal)
    return render_report(proposal, {}, {})


@blueprint.post("/<int:proposal_id>/report")
@api.requires(REPORT)
def report(proposal_id: int) -> str | tuple[str, int] | Response:
    proposal = load_proposal(proposal_id)
    api.require(REPORT, proposal)
    values = {
        "reason": request.form.get("reason", ""),
        "details": request.form.get("details", "").replace("\r\n", "\n").strip(),
    }
    errors = {}
    if values["reason"] not in Report.REASONS:
        errors["reason"] = api._("Choose why you report this proposal.")
    if len(values["details"]) > MAX_DETAILS:
        errors["details"] = api._("Details have at most 1000 characters.")
    if errors:
        return render_report(proposal, values, errors), 400
    user = api.current_user()
    assert user is not None
    session = api.db_session()
    if moderation.report(session, proposal, user, values["reason"], values["details"]):
        session.commit()
        flash(api._("Thank you: the moderators will look at your report."), "success")
    else:
        flash(api._("You have already reported this proposal."), "success")
    # Back to the list: the report may just have hidden the proposal.
    return redirect(url_for("proposals.index"))
