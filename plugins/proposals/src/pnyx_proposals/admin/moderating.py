"""The moderation queue: reported and hidden proposals; hide, restore, hide an author."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_proposals import moderation
from pnyx_proposals.admin import blueprint
from pnyx_proposals.locks import lock_proposal
from pnyx_proposals.markdown import render
from pnyx_proposals.models import Proposal
from pnyx_proposals.permissions import MODERATE


@blueprint.get("/moderation")
@api.requires(MODERATE)
def moderation_queue() -> str:
    proposals = moderation.queue([api.current_component().id])
    return render_template(
        "proposals/admin/moderation.html",
        proposals=proposals,
        bodies={p.id: render(p.body, top=4) for p in proposals},  # under each card's <h3>
        reasons=moderation.reasons_of([p.id for p in proposals]),
        labels=moderation.reason_labels(),
    )


def moderated(proposal_id: int) -> Proposal:
    proposal = lock_proposal(api.db_session(), proposal_id)
    if proposal is None or proposal.component_id != api.current_component().id:
        abort(404)
    return proposal


@blueprint.post("/<int:proposal_id>/hide")
@api.requires(MODERATE)
def hide(proposal_id: int) -> Response | tuple[str, int]:
    proposal = moderated(proposal_id)
    asked = api.confirm_first(
        title=api._("Hide the proposal %(title)s?", title=proposal.title),
        consequence=api._(
            "Residents no longer see it; its author is told. You can show it again from the "
            "moderation queue."
        ),
        button=api._("Yes, hide the proposal"),
        cancel_url=url_for("proposals_admin.moderation_queue"),
    )
    if asked is not None:
        return asked
    if proposal.hidden_at is None:
        moderation.hide(api.db_session(), proposal)
        api.db_session().commit()
        flash(api._("The proposal is hidden."), "success")
    return redirect(url_for("proposals_admin.moderation_queue"))


@blueprint.post("/<int:proposal_id>/restore")
@api.requires(MODERATE)
def restore(proposal_id: int) -> Response:
    proposal = moderated(proposal_id)
    moderation.restore(api.db_session(), proposal)
    api.db_session().commit()
    flash(api._("The proposal is shown again and its reports are dismissed."), "success")
    return redirect(url_for("proposals_admin.moderation_queue"))


@blueprint.post("/<int:proposal_id>/hide-author")
@api.requires(MODERATE)
def hide_author(proposal_id: int) -> Response | tuple[str, int]:
    proposal = moderated(proposal_id)
    author = proposal.author
    if author is None:
        abort(404)
    user = api.current_user()
    everywhere = user is not None and (user.is_admin or user.has_role("moderator"))  # type: ignore[arg-type]
    asked = api.confirm_first(
        title=api._("Hide every proposal of %(name)s?", name=api.person_name(author)),
        consequence=(
            api._("Every proposal of this author on the whole site is hidden from residents.")
            if everywhere
            else api._("Every proposal of this author in this component is hidden from residents.")
        ),
        button=api._("Yes, hide their proposals"),
        cancel_url=url_for("proposals_admin.moderation_queue"),
    )
    if asked is not None:
        return asked
    scope = None if everywhere else [proposal.component_id]
    count = moderation.hide_author(api.db_session(), author, scope)
    api.db_session().commit()
    flash(
        api.ngettext(
            "%(num)d proposal of this author is hidden.",
            "%(num)d proposals of this author are hidden.",
            count,
        ),
        "success",
    )
    return redirect(url_for("proposals_admin.moderation_queue"))
