"""The amendment pages: propose, read (the word diff), accept, reject, promote, withdraw,
support. Plain forms, POST → redirect → GET; a refused form comes back with its text."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from pnyx import api
from pnyx_proposals import lifecycle
from pnyx_proposals.amendments import notify, service
from pnyx_proposals.amendments.diff import word_diff
from pnyx_proposals.amendments.models import Amendment
from pnyx_proposals.amendments.permissions import (
    AMEND,
    DECIDE_AMENDMENT,
    SUPPORT_AMENDMENT,
    promotable,
    sees,
)
from pnyx_proposals.forms import _check_body, _check_title, clean_text
from pnyx_proposals.models import Proposal
from pnyx_proposals.settings import settings_of
from pnyx_proposals.views import blueprint
from pnyx_proposals.views.common import load_proposal, proposal_url

Page = str | tuple[str, int] | Response

#: Colours on top of the browser's own strike-through and underline (never alone), and
#: line breaks kept. A stylesheet: the Content-Security-Policy forbids inline styles.
STYLESHEET = """\
.proposals-diff { line-height: 1.7; overflow-wrap: anywhere; }
.proposals-diff del { text-decoration: line-through; background: #fde2e2; color: #6b0000; }
.proposals-diff ins { text-decoration: underline; background: #dcf5dc; color: #0b4a0b; }
"""


def amendment_url(amendment: Amendment) -> str:
    return url_for(
        "proposals.amendment", proposal_id=amendment.proposal_id, amendment_id=amendment.id
    )


def visible_amendments(proposal: Proposal) -> list[Amendment]:
    """The proposal's amendments the reader may see, newest first (two queries)."""
    if proposal.is_draft:
        return []
    query = (
        select(Amendment)
        .where(Amendment.proposal_id == proposal.id)
        .options(
            selectinload(Amendment.author).lazyload(api.User.organization_roles),
            selectinload(Amendment.user_group),
        )
        .order_by(Amendment.id.desc())
    )
    user = api.current_user()
    return [a for a in api.db_session().scalars(query) if sees(user, a, proposal)]


def page_context(proposal: Proposal) -> dict[str, object]:
    """What the proposal's page shows about amendments."""
    return {
        "amendments": visible_amendments(proposal),
        "amend_decision": api.decide(api.current_user(), AMEND, proposal),
        "amendments_enabled": bool(settings_of(proposal.component).get("amendments_enabled")),
    }


def load_amendment(proposal_id: int, amendment_id: int) -> tuple[Proposal, Amendment]:
    """The amendment of a proposal the reader may see, or 404."""
    proposal = load_proposal(proposal_id)
    amendment = api.db_session().get(Amendment, amendment_id)
    if amendment is None or amendment.proposal_id != proposal.id or proposal.is_draft:
        abort(404)
    if not sees(api.current_user(), amendment, proposal):
        abort(404)
    return proposal, amendment


def read_text(proposal: Proposal) -> tuple[str, str, str, dict[str, str]]:
    """The posted title, body and language (the proposal's when the form has no language
    field), and the errors by field."""
    settings = settings_of()
    title = " ".join(clean_text(request.form.get("title", "")).split())
    body = clean_text(request.form.get("body", ""))
    errors: dict[str, str] = {}
    language, language_error = api.read_written_language(request.form, current=proposal.language)
    if language_error:
        errors["language"] = language_error
    _check_title(title, settings, errors)
    _check_body(body, settings, errors)
    if not errors and (title, body) == (proposal.title, proposal.body):
        errors["body"] = api._("Change the title or the text: this is the proposal as it is.")
    return title, body, language, errors


def on_behalf_choices() -> list[api.groups.UserGroup]:
    """The organizations the person may amend for here (none unless the component's admin
    let groups take part in amending)."""
    if not api.groups.allowed(api.current_component(), AMEND):
        return []
    return api.groups.acting_groups(api.current_user())


def read_group(errors: dict[str, str]) -> int | None:
    """The organization chosen in "On behalf of", if the person may write for it here."""
    raw = request.form.get("user_group", "").strip()
    if not raw:
        return None
    group_id = api.as_int(raw)
    if group_id is None or group_id not in {group.id for group in on_behalf_choices()}:
        errors["user_group"] = api._("You cannot write on behalf of this organization here.")
        return None
    return group_id


def render_form(
    proposal: Proposal,
    title: str,
    body: str,
    errors: dict[str, str],
    status: int = 200,
    preview: bool = False,
    user_group_id: int | None = None,
    language: str = "",
) -> Page:
    languages = (proposal.language, language)  # the amended text's, the amendment's
    page = render_template(
        "proposals/amendments/form.html",
        proposal=proposal,
        title=title,
        body=body,
        errors=errors,
        groups=on_behalf_choices(),
        user_group_id=user_group_id,
        language=language,
        settings=settings_of(),
        title_diff=word_diff(proposal.title, title, *languages) if preview else None,
        body_diff=word_diff(proposal.body, body, *languages) if preview else None,
    )
    return page, status


@blueprint.get("/<int:proposal_id>/amend")
@api.requires(AMEND)
def amend(proposal_id: int) -> Page:
    proposal = load_proposal(proposal_id)
    api.require(AMEND, proposal)
    return render_form(proposal, proposal.title, proposal.body, {}, language=proposal.language)


@blueprint.post("/<int:proposal_id>/amend")
@api.requires(AMEND)
def propose(proposal_id: int) -> Page:
    proposal = load_proposal(proposal_id)
    api.require(AMEND, proposal)
    title, body, language, errors = read_text(proposal)
    user_group_id = read_group(errors)
    kept = {"user_group_id": user_group_id, "language": language}
    if errors:
        return render_form(proposal, title, body, errors, 400, **kept)
    if request.form.get("intent") == "preview":  # shows the changes, saves nothing
        return render_form(proposal, title, body, {}, preview=True, **kept)
    session = api.db_session()
    user = api.current_user()
    assert user is not None
    api.submissions.claim()  # the same form sent twice at once: one amendment (docs/forms.md)
    amendment = service.propose(session, proposal, user, title, body, user_group_id, language)
    session.flush()
    api.submissions.made(amendment_url(amendment))
    session.commit()
    notify.proposed(proposal, amendment, amendment_url(amendment))
    flash(api._("Your amendment is sent to the proposal's authors."), "success")
    return redirect(amendment_url(amendment))


def render_amendment(
    proposal: Proposal, amendment: Amendment, errors: dict[str, str], status: int = 200
) -> Page:
    user = api.current_user()
    # Removed words in the proposal's language: known while pending (an accepted amendment
    # gave the proposal its own since; the text amended is then not marked).
    old_language = proposal.language if amendment.pending else amendment.language
    page = render_template(
        "proposals/amendments/show.html",
        proposal=proposal,
        amendment=amendment,
        title_diff=word_diff(
            amendment.old_title, amendment.title, old_language, amendment.language
        ),
        # Pending: against the text as it is now (what accepting would change).
        body_diff=word_diff(
            proposal.body if amendment.pending else amendment.old_body,
            amendment.body,
            old_language,
            amendment.language,
        ),
        title_now=proposal.title if amendment.pending else amendment.old_title,
        decide=api.decide(user, DECIDE_AMENDMENT, amendment),
        support_decision=api.decide(user, SUPPORT_AMENDMENT, amendment),
        supported=service.supported(api.db_session(), amendment.id, user),
        may_withdraw=amendment.pending and bool(api.decide(user, AMEND, amendment)),
        may_promote=promotable(user, amendment) and bool(api.decide(user, AMEND, amendment)),
        settings=settings_of(),
        errors=errors,
        reason=request.form.get("reason", ""),
        promoted=(
            api.db_session().get(Proposal, amendment.promoted_proposal_id)
            if amendment.promoted_proposal_id
            else None
        ),
    )
    return page, status


@blueprint.get("/<int:proposal_id>/amendments/<int:amendment_id>/")
@api.requires(api.actions.VIEW)
def amendment(proposal_id: int, amendment_id: int) -> Page:
    proposal, amendment = load_amendment(proposal_id, amendment_id)
    return render_amendment(proposal, amendment, {})


@blueprint.post("/<int:proposal_id>/amendments/<int:amendment_id>/accept")
@api.requires(DECIDE_AMENDMENT)
def accept_amendment(proposal_id: int, amendment_id: int) -> Page:
    proposal, amendment = load_amendment(proposal_id, amendment_id)
    api.require(DECIDE_AMENDMENT, amendment)
    seen = api.read_int(request.form, "version", label=api._("Version")) or 0
    session = api.db_session()
    user = api.current_user()
    assert user is not None
    try:
        service.accept(session, amendment, proposal, user, seen)
    except service.AmendmentError as error:
        session.rollback()
        return render_amendment(proposal, amendment, {"decision": error.reason}, status=409)
    session.commit()
    notify.decided(proposal, amendment, amendment_url(amendment), user.id)
    flash(api._("The amendment is accepted: the proposal now reads as amended."), "success")
    return redirect(proposal_url(proposal))


@blueprint.post("/<int:proposal_id>/amendments/<int:amendment_id>/reject")
@api.requires(DECIDE_AMENDMENT)
def reject_amendment(proposal_id: int, amendment_id: int) -> Page:
    proposal, amendment = load_amendment(proposal_id, amendment_id)
    api.require(DECIDE_AMENDMENT, amendment)
    reason = clean_text(request.form.get("reason", ""))
    if not reason or len(reason) > 2000:
        message = api._("Say in at most 2000 characters why you reject this amendment.")
        return render_amendment(proposal, amendment, {"reason": message}, status=400)
    session = api.db_session()
    user = api.current_user()
    assert user is not None
    try:
        service.reject(session, amendment, proposal, user, reason)
    except service.AmendmentError as error:
        session.rollback()
        return render_amendment(proposal, amendment, {"decision": error.reason}, status=409)
    session.commit()
    notify.decided(proposal, amendment, amendment_url(amendment), user.id)
    flash(api._("The amendment is rejected; its author is told why."), "success")
    return redirect(amendment_url(amendment))


@blueprint.post("/<int:proposal_id>/amendments/<int:amendment_id>/withdraw")
@api.requires(AMEND)
def withdraw_amendment(proposal_id: int, amendment_id: int) -> Page:
    proposal, amendment = load_amendment(proposal_id, amendment_id)
    api.require(AMEND, amendment)
    session = api.db_session()
    try:
        service.withdraw(session, amendment, proposal)
    except service.AmendmentError as error:
        session.rollback()
        return render_amendment(proposal, amendment, {"decision": error.reason}, status=409)
    session.commit()
    flash(api._("Your amendment is withdrawn."), "success")
    return redirect(amendment_url(amendment))


@blueprint.post("/<int:proposal_id>/amendments/<int:amendment_id>/promote")
@api.requires(AMEND)
def promote_amendment(proposal_id: int, amendment_id: int) -> Page:
    proposal, amendment = load_amendment(proposal_id, amendment_id)
    api.require(AMEND, amendment)
    user = api.current_user()
    if not promotable(user, amendment):
        abort(403)
    assert user is not None
    session = api.db_session()
    try:
        created = service.promote(session, amendment, proposal, user)
    except service.AmendmentError as error:
        session.rollback()
        return render_amendment(proposal, amendment, {"decision": error.reason}, status=409)
    except lifecycle.LimitReachedError:
        session.rollback()
        message = api._("You have published as many proposals here as allowed.")
        return render_amendment(proposal, amendment, {"decision": message}, status=409)
    session.commit()
    flash(api._("Your amendment is now a proposal of its own."), "success")
    return redirect(proposal_url(created))


def _support(proposal_id: int, amendment_id: int, give: bool) -> Page:
    _proposal, amendment = load_amendment(proposal_id, amendment_id)
    api.require(SUPPORT_AMENDMENT, amendment)
    session = api.db_session()
    user = api.current_user()
    assert user is not None
    try:
        changed = (service.support if give else service.unsupport)(session, amendment, user)
    except service.AmendmentError as error:
        session.rollback()
        flash(error.reason, "error")
        return redirect(amendment_url(amendment))
    session.commit()
    if changed:
        message = (
            api._("You support this amendment.") if give else api._("Your support is taken back.")
        )
        flash(message, "success")
    return redirect(amendment_url(amendment))


@blueprint.post("/<int:proposal_id>/amendments/<int:amendment_id>/support")
@api.requires(SUPPORT_AMENDMENT)
def support_amendment(proposal_id: int, amendment_id: int) -> Page:
    return _support(proposal_id, amendment_id, True)


@blueprint.post("/<int:proposal_id>/amendments/<int:amendment_id>/unsupport")
@api.requires(SUPPORT_AMENDMENT)
def unsupport_amendment(proposal_id: int, amendment_id: int) -> Page:
    return _support(proposal_id, amendment_id, False)


@blueprint.get("/amendments.css")
@api.requires(api.actions.VIEW)
def amendments_css() -> Response:
    response = Response(STYLESHEET, mimetype="text/css")
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response
