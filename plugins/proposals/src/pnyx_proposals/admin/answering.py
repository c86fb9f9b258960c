"""Answering one proposal, and assigning it to valuators."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy import delete, select
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_proposals import answers, links, states
from pnyx_proposals.admin import blueprint
from pnyx_proposals.admin.common import admin_proposal, is_manager, locales
from pnyx_proposals.locks import insert_ignoring_duplicates, lock_proposal
from pnyx_proposals.markdown import render
from pnyx_proposals.models import Proposal, ValuatorAssignment
from pnyx_proposals.permissions import EVALUATE, MANAGE
from pnyx_proposals.settings import settings_of

Page = str | tuple[str, int] | Response


def render_answer(
    proposal: Proposal,
    data: answers.AnswerData,
    errors: dict[str, str],
    previews: dict[str, api.Markup] | None = None,
) -> str:
    session = api.db_session()
    assigned = select(ValuatorAssignment.user_id).where(
        ValuatorAssignment.proposal_id == proposal.id
    )
    return render_template(
        "proposals/admin/answer.html",
        proposal=proposal,
        body=render(proposal.body),
        data=data,
        errors=errors,
        choices=states.answer_choices(proposal.component_id),
        locales=locales(),
        settings=settings_of(),
        manager=is_manager(),
        valuators=api.space_members(api.current_space(), "valuator") if is_manager() else [],
        assigned=set(session.scalars(assigned)),
        related=links.related(session, proposal),
        previews=previews or {},
    )


@blueprint.get("/<int:proposal_id>/answer")
@api.requires(EVALUATE)
def answer(proposal_id: int) -> str:
    proposal = admin_proposal(proposal_id)
    return render_answer(proposal, answers.AnswerData.of(proposal), {})


@blueprint.post("/<int:proposal_id>/answer")
@api.requires(EVALUATE)
def save_answer(proposal_id: int) -> Page:
    proposal = admin_proposal(proposal_id)
    settings = settings_of()
    allowed = [choice.code for choice in states.answer_choices(proposal.component_id)]
    data, errors = answers.read_answer(
        request.form, allowed, locales(), bool(settings.get("answers_with_costs"))
    )
    if "preview" in request.form:  # the preview button: show the answer rendered, save nothing
        previews = {
            locale: api.render_rich_text(text, ugc=False)
            for locale, text in data.texts.items()
            if text.strip()
        }
        return render_answer(proposal, data, {}, previews)
    if errors:
        return render_answer(proposal, data, errors), 400
    session = api.db_session()
    # Sent twice, a published answer was published twice: two public entries, and its author
    # told twice (docs/forms.md).
    api.submissions.claim()
    locked = lock_proposal(session, proposal.id)
    assert locked is not None
    publish = bool(settings.get("publish_answers_immediately"))
    answers.save_answer(session, locked, data, publish)
    api.submissions.made(url_for("proposals_admin.answer", proposal_id=proposal.id))
    session.commit()
    if publish:
        flash(api._("The answer is published."), "success")
    else:
        flash(api._("The answer is saved; it will be published with the others."), "success")
    return redirect(url_for("proposals_admin.answer", proposal_id=proposal.id))


@blueprint.post("/<int:proposal_id>/valuators")
@api.requires(MANAGE)
def assign(proposal_id: int) -> Response:
    proposal = admin_proposal(proposal_id)
    session = api.db_session()
    allowed = {user.id for user in api.space_members(api.current_space(), "valuator")}
    wanted = set(api.id_list(request.form.getlist("valuators"), label=api._("Valuators")))
    if not wanted <= allowed:
        abort(400)
    session.execute(
        delete(ValuatorAssignment).where(
            ValuatorAssignment.proposal_id == proposal.id,
            ValuatorAssignment.user_id.not_in(wanted),
        )
    )
    for user_id in wanted:
        insert_ignoring_duplicates(
            session, ValuatorAssignment, proposal_id=proposal.id, user_id=user_id
        )
    api.log_action(
        session,
        "proposals.valuators_assigned",
        resource=proposal.resource,
        component=api.current_component(),
        extra={"valuators": sorted(wanted)},
    )
    session.commit()
    flash(api._("The valuators are saved."), "success")
    return redirect(url_for("proposals_admin.answer", proposal_id=proposal.id))
