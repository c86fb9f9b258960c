"""Reading debates: the filtered list, one debate, what other plugins learn of them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
from flask import request
from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload, selectinload

from pnyx import api
from pnyx_comments.debates.models import Debate

STATES = ("open", "closed")


@attrs.frozen
class Filters:
    state: str = ""
    theme: int | None = None
    territory: int | None = None

    @property
    def active(self) -> bool:
        return bool(self.state or self.theme or self.territory)


def read_filters() -> Filters:
    state = request.args.get("state", "")
    return Filters(
        state=state if state in STATES else "",
        theme=api.int_arg("theme", label=api._("Theme")),
        territory=api.int_arg("territory", label=api._("Territory")),
    )


def listing(component: api.Component, filters: Filters) -> Select[tuple[Debate]]:
    query = (
        select(Debate)
        .where(Debate.component_id == component.id)
        .options(
            # The author's name and avatar (``users.avatar_key``) for every card: one statement
            # for the page, whatever its length.
            selectinload(Debate.author),
            selectinload(Debate.theme),
            selectinload(Debate.territory),
            selectinload(Debate.user_group),
        )
        .order_by(Debate.closed_at.is_not(None), Debate.id.desc())
    )
    if filters.state == "open":
        query = query.where(Debate.closed_at.is_(None))
    elif filters.state == "closed":
        query = query.where(Debate.closed_at.is_not(None))
    if filters.theme:
        query = query.where(Debate.theme_id.in_(api.subtree(filters.theme)))
    if filters.territory:
        query = query.where(Debate.territory_id.in_(api.subtree(filters.territory)))
    return query


def load(session: Session, debate_id: int) -> Debate | None:
    """The ``load`` of the resource type (comments ask permissions on the debate)."""
    return session.get(Debate, debate_id)


def describe(session: Session, ids: Sequence[int]) -> dict[int, tuple[dict[str, Any], str]]:
    """``{id: (title, url)}`` of debates in published components the reader may see, in one
    query (the translatable title as it is: the core shows it in the reader's language)."""
    query = (
        select(Debate)
        .where(Debate.id.in_(list(ids)))
        .options(joinedload(Debate.component).joinedload(api.Component.space))
    )
    described = {}
    visible = api.links.ReadableComponents()
    for debate in session.scalars(query).unique():
        component = debate.component
        if not component.published or not component.space.published:
            continue
        if not visible(component):
            continue  # a private space the reader is not a member of
        url = api.component_url(component, "show", debate_id=debate.id)
        described[debate.id] = (debate.title, url or "")
    return described
