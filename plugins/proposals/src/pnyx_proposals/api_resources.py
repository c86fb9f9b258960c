"""The ``register_api_resources`` hook: published proposals in the read-only API.

What the public list shows (published, not hidden, not merged), with the author's
public name (none once the account is deleted), never an e-mail address nor a
moderation detail; an answer only through the public ``state``.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from pnyx import api
from pnyx_proposals.models import Proposal, proposal_themes
from pnyx_proposals.queries import visible


class ProposalSchema(Schema):
    id = fields.Integer(required=True)
    component_id = fields.Integer(required=True)
    title = fields.String(required=True)
    summary = fields.String(required=True)
    body = fields.String(required=True, metadata={"description": "Markdown text."})
    language = fields.String(
        required=True,
        metadata={"description": "The language its author wrote it in (fr, co…); '' if unknown."},
    )
    state = fields.String(required=True, metadata={"description": "The public answer state."})
    author = fields.Function(
        lambda proposal: api.open_data.author_name(proposal.author),
        metadata={"type": ["string", "null"], "description": "Public name; null if deleted."},
    )
    territory_id = fields.Integer(allow_none=True)
    theme_ids = fields.Function(
        lambda proposal: [term.id for term in proposal.themes],
        metadata={"type": "array", "items": {"type": "integer"}},
    )
    supports_count = fields.Integer(required=True)
    withdrawn = fields.Function(
        lambda proposal: proposal.withdrawn_at is not None, metadata={"type": "boolean"}
    )
    published_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)


def public_proposals() -> Any:
    return (
        select(Proposal)
        .where(visible())
        .options(selectinload(Proposal.author), selectinload(Proposal.themes))
    )


def themed(term_ids: Any) -> Any:
    linked = select(proposal_themes.c.proposal_id).where(proposal_themes.c.term_id.in_(term_ids))
    return Proposal.id.in_(linked)


RESOURCES = [
    api.open_data.ApiResource(
        name="proposals",
        schema=ProposalSchema,
        query=public_proposals,
        id_column=Proposal.id,
        component_column=Proposal.component_id,
        description="Published proposals (hidden and merged ones left out).",
        updated_column=Proposal.updated_at,
        state_column=Proposal.state,
        territory_column=Proposal.territory_id,
        theme_condition=themed,
        personal_fields=("author",),
    )
]
