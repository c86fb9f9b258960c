"""The admin list: every published proposal (valuators: theirs), filtered, a page at a time."""

from __future__ import annotations

import math

from flask import current_app, render_template, request
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
            Proposal.id == int(number) if number.isdigit() else matches(filters.text)
        )
    return query


@blueprint.get("/")
@api.requires(EVALUATE)
def index() -> str:
    component = api.current_component()
    filters = Filters.from_args(request.args, default_sort="recent")
    size = current_app.config["PAGE_SIZE"]
    query = admin_query(component.id, filters)
    session = api.db_session()
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = session.scalars(
        query.options(joinedload(Proposal.territory))
        .order_by(Proposal.id.desc())
        .offset((filters.page - 1) * size)
        .limit(size)
    )
    choices = states.public_choices(component.id)
    pending_count = session.scalar(
        select(func.count()).select_from(answers.pending(component.id).subquery())
    )
    return render_template(
        "proposals/admin/index.html",
        proposals=list(page),
        total=total,
        pages=max(math.ceil(total / size), 1),
        filters=filters,
        terms=component_terms(settings_of()),
        choices=choices,
        state_of={choice.code: choice for choice in choices},
        pending_count=pending_count,
        manager=is_manager(),
        PENDING=PENDING,
        HIDDEN=HIDDEN,
    )
