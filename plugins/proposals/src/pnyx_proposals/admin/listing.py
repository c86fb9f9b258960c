"""The admin list: every published proposal (valuators: theirs), filtered, a page at a time."""

from __future__ import annotations

from flask import render_template, request
from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload

from pnyx import api
from pnyx_proposals import answers, states
from pnyx_proposals.admin import blueprint
from pnyx_proposals.admin.common import assigned_to_me, is_manager
from pnyx_proposals.models import Proposal
from pnyx_proposals.permissions import EVALUATE
from pnyx_proposals.queries import Filters, has_theme, matches
from pnyx_proposals.settings import settings_of
from pnyx_proposals.taxonomy import component_terms, subtree

PENDING = "pending_answer"
HIDDEN = "hidden"


def admin_query(component_id: int, filters: Filters) -> Select[tuple[Proposal]]:
    query = select(Proposal).where(
        Proposal.component_id == component_id,
        Proposal.published_at.is_not(None),
        Proposal.merged_into_id.is_(None),
        assigned_to_me(),
    )
    if filters.state == PENDING:
        pending_ids = answers.pending(component_id).with_only_columns(Proposal.id)
        query = query.where(Proposal.id.in_(pending_ids))
    elif filters.state == HIDDEN:
        query = query.where(Proposal.hidden_at.is_not(None))
    elif filters.state == states.WITHDRAWN:
        query = query.where(Proposal.withdrawn_at.is_not(None))
    elif filters.state:
        query = query.where(Proposal.state == filters.state, Proposal.withdrawn_at.is_(None))
    if filters.territory:
        query = query.where(Proposal.territory_id.in_(subtree(filters.territory)))
    if filters.theme:
        query = query.where(has_theme(filters.theme))
    if filters.text:
        number = filters.text.lstrip("#")
        query = query.where(
            Proposal.id == api.as_int(number) if api.as_int(number) else matches(filters.text)
        )
    return query


@blueprint.get("/")
@api.requires(EVALUATE)
def index() -> str:
    component = api.current_component()
    filters = Filters.from_args(request.args, default_sort="recent")
    query = admin_query(component.id, filters)
    session = api.db_session()
    page = api.paginate(
        query.options(joinedload(Proposal.territory)).order_by(Proposal.id.desc()), count=True
    )
    choices = states.public_choices(component.id)
    pending_count = session.scalar(
        select(func.count()).select_from(answers.pending(component.id).subquery())
    )
    return render_template(
        "proposals/admin/index.html",
        proposals=page,
        total=page.total,
        filters=filters,
        terms=component_terms(settings_of()),
        choices=choices,
        state_of={choice.code: choice for choice in choices},
        pending_count=pending_count,
        manager=is_manager(),
        PENDING=PENDING,
        HIDDEN=HIDDEN,
    )
