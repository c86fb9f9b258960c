"""What a proposal is linked to, described by the plugins that own the other ends.

Meetings link the proposals that came out of them; budgets link the projects
that include a proposal (and describe their follow-up progress). This module
never imports those plugins: it reads the proposal's resource links and asks
each linked resource type's ``describe`` function, through ``pnyx.api``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.util import identity_key

from pnyx import api
from pnyx_proposals.models import RESOURCE, Proposal
from pnyx_proposals.settings import settings_of

#: Link names this plugin writes (proposal → proposal).
MERGED_INTO = "proposals.merged_into"
COPIED_FROM = "proposals.copied_from"


@attrs.frozen
class RelatedGroup:
    """Linked resources of one type, under that type's label."""

    type: str
    label: str
    items: tuple[api.links.ResourceDescription, ...]


def load(session: Session, proposal_id: int) -> Proposal | None:
    """The ``load`` of the resource type: a proposal by id (comments ask permissions on it)."""
    return session.get(Proposal, proposal_id)


def describe(session: Session, ids: Sequence[int]) -> Mapping[int, tuple[str, str, str, str]]:
    """The ``describe`` of the ``proposals_proposal`` resource type: published proposals not
    hidden by moderation (a merged duplicate keeps its page, which points to the other), in
    components the reader may see, with the language the title is written in (pages mark it
    with ``|in_language``)."""
    # Plain rows (a proposal's page describes itself for its comments, related lists many):
    # their components are mostly the request's own, already in the session.
    query = select(
        Proposal.id,
        Proposal.title,
        Proposal.language,
        Proposal.component_id,
        Proposal.merged_into_id,
        Proposal.withdrawn_at,
        Proposal.supports_count,
    ).where(
        Proposal.id.in_(list(ids)),
        Proposal.published_at.is_not(None),
        Proposal.hidden_at.is_(None),
    )
    rows = session.execute(query).all()
    components = _components(session, {row.component_id for row in rows})
    readable = {key: api.links.readable(component) for key, component in components.items()}
    described = {}
    for row in rows:
        component = components[row.component_id]
        if not readable[component.id]:
            continue
        url = api.component_url(component, "show", proposal_id=row.id) or ""
        described[row.id] = (row.title, url, _state_detail(row, component), row.language)
    return described


def _components(session: Session, ids: set[int]) -> dict[int, api.Component]:
    """Components by id with their space: those in the session, then one query for the rest."""
    found: dict[int, api.Component] = {}
    for component_id in ids:
        held = session.identity_map.get(identity_key(api.Component, component_id))
        if held is not None:
            found[component_id] = held
    missing = ids - found.keys()
    if missing:
        query = (
            select(api.Component)
            .where(api.Component.id.in_(missing))
            .options(joinedload(api.Component.space))
        )
        found.update({component.id: component for component in session.scalars(query)})
    return found


def _state_detail(row: Any, component: api.Component) -> str:
    if row.merged_into_id:
        return api._("Merged")
    if row.withdrawn_at:
        return api._("Withdrawn")
    if settings_of(component).get("supports_hidden"):
        return ""
    return api.ngettext("%(num)d support", "%(num)d supports", row.supports_count)


def related(session: Session, proposal: Proposal) -> list[RelatedGroup]:
    """The proposal's linked resources, grouped by type; one query per linked type."""
    by_type: dict[str, list[int]] = defaultdict(list)
    for link in api.links.links_of(session, (RESOURCE, proposal.id)):
        by_type[link.type].append(link.id)
    groups = []
    for type_name, ids in by_type.items():
        resource_type = api.links.resource_type(type_name)
        if resource_type is None:
            continue  # its plugin is not enabled: nothing to show or link to
        described = api.links.describe(session, type_name, ids)
        items = tuple(described[i] for i in dict.fromkeys(ids) if i in described)
        if items:
            groups.append(RelatedGroup(type_name, str(resource_type.label), items))
    return groups
