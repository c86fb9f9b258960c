"""A person's data: what they download ("download my data"), what goes when they leave.

Their published proposals stay (others supported and answered them) and are
shown from "Deleted participant"; their drafts, which nobody else ever saw,
are deleted. Their supports keep counting but lose the link to them; their
reports keep their reason but lose the link and the free text. Their amendments stay (the
authors decided on them), their amendment supports keep counting without them, and they
leave the proposals they co-authored or were invited to.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_proposals.drafts import personal_data as drafts_data
from pnyx_proposals.models import (
    Amendment,
    AmendmentSupport,
    Coauthor,
    Participant,
    Proposal,
    Report,
    Support,
    ValuatorAssignment,
)


def export(session: Session, user: api.User) -> dict[str, Any] | None:
    """The files of the person's archive (``proposals/...``), or ``None`` if there is nothing."""
    files = {
        "proposals.csv": list(_proposals(session, user)),
        "supports.csv": list(_supports(session, user)),
        "reports.csv": list(_reports(session, user)),
        "collaborative_drafts.csv": list(drafts_data.versions(session, user)),
        "amendments.csv": list(_amendments(session, user)),
        "amendment_supports.csv": [
            {"amendment_id": amendment_id, "at": at}
            for amendment_id, at in session.execute(
                select(AmendmentSupport.amendment_id, AmendmentSupport.created_at)
                .where(AmendmentSupport.user_id == user.id)
                .order_by(AmendmentSupport.id)
            )
        ],
        "coauthorships.csv": [
            {"proposal_id": row.proposal_id, "status": row.status, "at": row.created_at}
            for row in session.scalars(
                select(Coauthor).where(Coauthor.user_id == user.id).order_by(Coauthor.id)
            )
        ],
    }
    kept = {name: rows for name, rows in files.items() if rows}
    return kept or None


def _proposals(session: Session, user: api.User) -> Iterable[dict[str, Any]]:
    query = select(Proposal).where(Proposal.author_id == user.id).order_by(Proposal.id)
    for proposal in session.scalars(query):
        yield {
            "id": proposal.id,
            "component_id": proposal.component_id,
            "title": proposal.title,
            "body": proposal.body,
            "address": proposal.address,
            "state": proposal.state,
            "created_at": proposal.created_at,
            "published_at": proposal.published_at,
            "withdrawn_at": proposal.withdrawn_at,
            "hidden_by_moderation": proposal.hidden_at is not None,
        }


def _supports(session: Session, user: api.User) -> Iterable[dict[str, Any]]:
    query = (
        select(Support.proposal_id, Proposal.title, Support.counted, Support.created_at)
        .join(Proposal, Proposal.id == Support.proposal_id)
        .where(Support.user_id == user.id)
        .order_by(Support.id)
    )
    for proposal_id, title, counted, created_at in session.execute(query):
        yield {"proposal_id": proposal_id, "title": title, "counted": counted, "at": created_at}


def _amendments(session: Session, user: api.User) -> Iterable[dict[str, Any]]:
    query = select(Amendment).where(Amendment.author_id == user.id).order_by(Amendment.id)
    for amendment in session.scalars(query):
        yield {
            "id": amendment.id,
            "proposal_id": amendment.proposal_id,
            "title": amendment.title,
            "body": amendment.body,
            "state": amendment.state,
            "on_behalf_of_group": amendment.user_group_id,
            "created_at": amendment.created_at,
        }


def _reports(session: Session, user: api.User) -> Iterable[dict[str, Any]]:
    query = select(Report).where(Report.user_id == user.id).order_by(Report.id)
    for report in session.scalars(query):
        yield {
            "proposal_id": report.proposal_id,
            "reason": report.reason,
            "details": report.details,
            "at": report.created_at,
        }


def delete_data(session: Session, user: api.User) -> None:
    """Detach or erase the person's data, in the caller's transaction (never commits)."""
    session.execute(
        delete(Proposal).where(Proposal.author_id == user.id, Proposal.published_at.is_(None))
    )
    session.execute(update(Support).where(Support.user_id == user.id).values(user_id=None))
    session.execute(
        update(Report).where(Report.user_id == user.id).values(user_id=None, details="")
    )
    session.execute(delete(Participant).where(Participant.user_id == user.id))
    session.execute(delete(ValuatorAssignment).where(ValuatorAssignment.user_id == user.id))
    drafts_data.delete_data(session, user)
    session.execute(delete(Coauthor).where(Coauthor.user_id == user.id))
    session.execute(
        update(AmendmentSupport).where(AmendmentSupport.user_id == user.id).values(user_id=None)
    )
