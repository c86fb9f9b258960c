"""Reading: the list (filters, sorts, pages) and a proposal's page."""

from __future__ import annotations

import math

import attrs
from flask import Response, current_app, render_template, request
from sqlalchemy import select

from pnyx import api
from pnyx_proposals import lifecycle, links, states
from pnyx_proposals.amendments import views as amendment_views
from pnyx_proposals.coauthors import views as coauthor_views
from pnyx_proposals.exports import download
from pnyx_proposals.markdown import render
from pnyx_proposals.models import Proposal, Support
from pnyx_proposals.permissions import SUPPORT, is_author, manages, supportable
from pnyx_proposals.queries import Filters, page_of
from pnyx_proposals.settings import settings_of
from pnyx_proposals.taxonomy import component_terms
from pnyx_proposals.views import blueprint
from pnyx_proposals.views.common import load_proposal


@blueprint.get("/")
@api.requires(api.actions.VIEW)
def index() -> str:
    component = api.current_component()
    settings = settings_of()
    filters = Filters.from_args(request.args)
    if settings.get("supports_hidden") and filters.sort == "most_supported":
        # Sorting by hidden numbers would reveal them.
        filters = attrs.evolve(filters, sort="random")
    size = current_app.config["PAGE_SIZE"]
    proposals, total = page_of(component.id, filters, size)
    choices = states.public_choices(component.id)
    return render_template(
        "proposals/index.html",
        proposals=proposals,
        total=total,
        pages=max(math.ceil(total / size), 1),
        filters=filters,
        terms=component_terms(settings),
        choices=choices,
        state_of={choice.code: choice for choice in choices},
        supported=supported_ids([p.id for p in proposals]),
        # Asked once for the component; each card then only checks its own proposal.
        may_support=api.can(SUPPORT),
        supportable=supportable,
        drafts=my_drafts(component.id),
        settings=settings,
    )


def supported_ids(proposal_ids: list[int]) -> set[int]:
    """Which of these proposals the reader supports (one query, none when anonymous)."""
    user = api.current_user()
    if user is None or not proposal_ids:
        return set()
    query = select(Support.proposal_id).where(
        Support.user_id == user.id, Support.proposal_id.in_(proposal_ids)
    )
    return set(api.db_session().scalars(query))


def my_drafts(component_id: int) -> list[Proposal]:
    user = api.current_user()
    if user is None:
        return []
    query = (
        select(Proposal)
        .where(
            Proposal.component_id == component_id,
            Proposal.author_id == user.id,
            Proposal.published_at.is_(None),
        )
        .order_by(Proposal.id.desc())
        .limit(20)
    )
    return list(api.db_session().scalars(query))


@blueprint.get("/<int:proposal_id>/")
@api.requires(api.actions.VIEW)
def show(proposal_id: int) -> str:
    proposal = load_proposal(proposal_id)
    session = api.db_session()
    user = api.current_user()
    choices = states.public_choices(proposal.component_id)
    merged_into = (
        session.get(Proposal, proposal.merged_into_id) if proposal.merged_into_id else None
    )
    return render_template(
        "proposals/show.html",
        proposal=proposal,
        body=render(proposal.body),
        answer=(  # staff write official answers: the core's rich text (docs/rich-text.md)
            api.rich_translated(proposal.answer_text, ugc=False)
            if proposal.answer_published_at
            else ""
        ),
        state=states.shown_state(proposal, {c.code: c for c in choices}),
        settings=settings_of(),
        supported=proposal.id in supported_ids([proposal.id]),
        support_decision=api.decide(user, SUPPORT, proposal),
        is_author=is_author(user, proposal),
        editable=lifecycle.editable(proposal),
        related=links.related(session, proposal),
        merged_into=merged_into,
        manager=manages(user, api.current_space()),
        **coauthor_views.page_context(proposal),
        **amendment_views.page_context(proposal),
    )


@blueprint.get("/open-data.csv")
@api.requires(api.actions.VIEW)
def open_data_csv() -> Response:
    """Anyone may download the public facts of the visible proposals (no personal data)."""
    return download(api.current_component(), "csv")


@blueprint.get("/open-data.json")
@api.requires(api.actions.VIEW)
def open_data_json() -> Response:
    return download(api.current_component(), "json")


@blueprint.get("/states.css")
@api.requires(api.actions.VIEW)
def states_css() -> Response:
    """The colours of the component's states, as classes (the site's Content-Security-Policy
    allows no inline style). Codes and colours were checked when they were stored."""
    rules = [
        f".proposals-state-{choice.code} {{ background: {choice.colour}; color: #fff; }}"
        for choice in states.public_choices(api.current_component().id)
        if states.CODE.match(choice.code) and states.COLOUR.match(choice.colour)
    ]
    response = Response("\n".join(rules) + "\n", mimetype="text/css")
    response.cache_control.public = True
    response.cache_control.max_age = 300
    return response
