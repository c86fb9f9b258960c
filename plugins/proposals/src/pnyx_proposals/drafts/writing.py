"""What happens to a collaborative draft: written, joined, saved, left, published, withdrawn.

Each function changes the draft, logs the change and publishes the event in the
caller's transaction; the caller commits.

Saving is optimistic: the form carries the version it was opened on, and
:func:`save` changes the row only ``WHERE version = <that one>``. On PostgreSQL
the second of two simultaneous saves waits for the first's row lock, then finds
the version moved and changes nothing; on SQLite writing sessions are
serialised (``BEGIN IMMEDIATE``). Either way the second person gets
:class:`ConflictError` with the text saved meanwhile, and keeps their own.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_proposals import lifecycle
from pnyx_proposals.coauthors.models import ACCEPTED as COAUTHOR_ACCEPTED
from pnyx_proposals.coauthors.models import Coauthor
from pnyx_proposals.drafts.models import (
    ACCEPTED,
    OPEN,
    PUBLISHED,
    REJECTED,
    REQUESTED,
    WITHDRAWN,
    CollaborativeDraft,
    DraftCollaborator,
    DraftRevision,
)
from pnyx_proposals.forms import ProposalData
from pnyx_proposals.locks import insert_ignoring_duplicates
from pnyx_proposals.models import Proposal


class ConflictError(Exception):
    """Someone saved the draft since the form was opened: nothing was changed."""

    def __init__(self, current: CollaborativeDraft, revision: DraftRevision | None) -> None:
        super().__init__("draft changed meanwhile")
        self.current = current
        #: The save that came in between (who and when), for the message.
        self.revision = revision


class ClosedError(Exception):
    """The draft is published or withdrawn: it no longer changes."""


def start(
    session: Session,
    component: api.Component,
    author: api.User,
    title: str,
    body: str,
    language: str = "",
) -> CollaborativeDraft:
    """A new open draft, its first version written by ``author`` (its first co-writer)."""
    draft = CollaborativeDraft(
        component_id=component.id, author_id=author.id, title=title, body=body, language=language
    )
    session.add(draft)
    session.flush()
    session.add(
        DraftCollaborator(
            draft_id=draft.id, user_id=author.id, status=ACCEPTED, decided_at=api.utcnow()
        )
    )
    session.add(
        DraftRevision(
            draft_id=draft.id,
            number=1,
            user_id=author.id,
            title=title,
            body=body,
            language=language,
        )
    )
    _log(session, draft, "proposals.collaborative_draft_created")
    return draft


def save(
    session: Session,
    draft: CollaborativeDraft,
    editor: api.User,
    title: str,
    body: str,
    base_version: int,
    language: str | None = None,
) -> int:
    """Save ``editor``'s text over version ``base_version``; returns the new version.

    Raises :class:`ConflictError` (nothing changed) when another save came first,
    :class:`ClosedError` when the draft was published or withdrawn meanwhile.
    ``language``: the text's, when the form says it (``None`` keeps the draft's).
    """
    now = api.utcnow()
    values = {"title": title, "body": body, "version": base_version + 1, "updated_at": now}
    if language is not None:
        values["language"] = language
    result = session.execute(
        update(CollaborativeDraft)
        .where(
            CollaborativeDraft.id == draft.id,
            CollaborativeDraft.version == base_version,
            CollaborativeDraft.state == OPEN,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        session.rollback()
        current = reload(session, draft.id)
        if current is None or not current.is_open:
            raise ClosedError
        raise ConflictError(current, latest_revision(session, current.id))
    session.add(
        DraftRevision(
            draft_id=draft.id,
            number=base_version + 1,
            user_id=editor.id,
            title=title,
            body=body,
            # The row matched base_version: draft.language is still the one it was saved over.
            language=draft.language if language is None else language,
        )
    )
    session.flush()
    session.refresh(draft)
    _log(session, draft, "proposals.collaborative_draft_saved", {"version": base_version + 1})
    return base_version + 1


def reload(session: Session, draft_id: int) -> CollaborativeDraft | None:
    query = select(CollaborativeDraft).where(CollaborativeDraft.id == draft_id)
    return session.scalars(query.execution_options(populate_existing=True)).first()


def latest_revision(session: Session, draft_id: int) -> DraftRevision | None:
    query = (
        select(DraftRevision)
        .where(DraftRevision.draft_id == draft_id)
        .order_by(DraftRevision.number.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def revisions(session: Session, draft_id: int) -> Sequence[DraftRevision]:
    """Every saved version, newest first, with who saved it."""
    query = (
        select(DraftRevision)
        .where(DraftRevision.draft_id == draft_id)
        .order_by(DraftRevision.number.desc())
    )
    return session.scalars(query).all()


def revisions_count(session: Session, draft_id: int) -> int:
    query = select(func.count()).where(DraftRevision.draft_id == draft_id)
    return session.scalar(query) or 0


def revision(session: Session, draft_id: int, number: int) -> DraftRevision | None:
    query = select(DraftRevision).where(
        DraftRevision.draft_id == draft_id, DraftRevision.number == number
    )
    return session.scalars(query).first()


def membership(session: Session, draft_id: int, user_id: int) -> DraftCollaborator | None:
    return session.get(DraftCollaborator, (draft_id, user_id))


def collaborators(session: Session, draft_id: int, status: str = ACCEPTED) -> list[api.User]:
    """The people with ``status`` in the draft, in the order they joined."""
    query = (
        select(api.User)
        .join(DraftCollaborator, DraftCollaborator.user_id == api.User.id)
        .where(DraftCollaborator.draft_id == draft_id, DraftCollaborator.status == status)
        .order_by(DraftCollaborator.created_at, api.User.id)
    )
    return list(session.scalars(query))


def is_collaborator(session: Session, draft: CollaborativeDraft, user: api.User | None) -> bool:
    if user is None:
        return False
    row = membership(session, draft.id, user.id)
    return row is not None and row.status == ACCEPTED


def request_access(session: Session, draft: CollaborativeDraft, user: api.User) -> bool:
    """Ask to co-write; ``False`` when the person already asked or belongs to the draft.

    A refused person may ask again: their row goes back to "requested".
    """
    if not draft.is_open:
        raise ClosedError
    inserted = insert_ignoring_duplicates(
        session, DraftCollaborator, draft_id=draft.id, user_id=user.id, status=REQUESTED
    )
    if not inserted:
        row = membership(session, draft.id, user.id)
        if row is None or row.status != REJECTED:
            return False
        row.status, row.decided_at = REQUESTED, None
    _log(session, draft, "proposals.collaborative_draft_access_requested", visibility="private")
    api.publish_event(
        session,
        "proposals.collaborative_draft_access_requested",
        {
            "draft_id": draft.id,
            "component_id": draft.component_id,
            "affected_user_ids": [draft.author_id] if draft.author_id else [],
        },
        actor_id=user.id,
    )
    return True


def decide_request(session: Session, draft: CollaborativeDraft, user_id: int, accept: bool) -> bool:
    """The author accepts or turns down a pending request; ``False`` when none is pending."""
    if not draft.is_open:
        raise ClosedError
    row = membership(session, draft.id, user_id)
    if row is None or row.status != REQUESTED:
        return False
    row.status = ACCEPTED if accept else REJECTED
    row.decided_at = api.utcnow()
    action = "accepted" if accept else "rejected"
    _log(
        session,
        draft,
        f"proposals.collaborative_draft_access_{action}",
        {"user_id": user_id},
        visibility="private",
    )
    api.publish_event(
        session,
        f"proposals.collaborative_draft_access_{action}",
        {"draft_id": draft.id, "component_id": draft.component_id, "affected_user_ids": [user_id]},
    )
    return True


def remove_co_writer(session: Session, draft: CollaborativeDraft, user_id: int) -> bool:
    """The author takes a co-writer off the draft; ``False`` when that person is not one.

    The row becomes "turned down": the person no longer edits, may ask again, and
    their saved versions stay in the history under their name (they wrote them).
    The author cannot remove themselves: they lead the draft.
    """
    if not draft.is_open:
        raise ClosedError
    row = membership(session, draft.id, user_id)
    if row is None or row.status != ACCEPTED or user_id == draft.author_id:
        return False
    row.status, row.decided_at = REJECTED, api.utcnow()
    _log(
        session,
        draft,
        "proposals.collaborative_draft_co_writer_removed",
        {"user_id": user_id},
        visibility="private",
    )
    return True


def leave(session: Session, draft: CollaborativeDraft, user: api.User) -> bool:
    """A co-writer stops writing the draft; ``False`` when they are not one (or lead it).

    Their row is deleted, so they may ask again like anyone; their saved versions stay
    in the history. The author withdraws the draft instead of leaving it.
    """
    if not draft.is_open:
        raise ClosedError
    row = membership(session, draft.id, user.id)
    if row is None or row.status != ACCEPTED or user.id == draft.author_id:
        return False
    session.delete(row)
    _log(session, draft, "proposals.collaborative_draft_left", visibility="private")
    return True


def publish(session: Session, draft: CollaborativeDraft) -> Proposal:
    """The draft becomes a published proposal; its co-writers become its co-authors.

    The proposal's ``author_id`` is the draft's author; every other co-writer gets an
    accepted ``proposals_coauthors`` row (the co-authorship of issue 20 item 5), and the
    draft keeps ``proposal_id`` (:func:`coauthors_of`).
    Raises ``lifecycle.LimitReachedError`` like any publication.
    """
    if not draft.is_open:
        raise ClosedError
    author = draft.author
    assert author is not None
    data = ProposalData(title=draft.title, body=draft.body, language=draft.language)
    proposal = lifecycle.create(session, draft.component, author, data)
    lifecycle.publish(session, proposal)
    draft.state, draft.published_at, draft.proposal_id = PUBLISHED, api.utcnow(), proposal.id
    # Bump the version: a save still open in someone's browser now conflicts.
    draft.version += 1
    _log(session, draft, "proposals.collaborative_draft_published", {"proposal_id": proposal.id})
    for coauthor in collaborators(session, draft.id):
        if coauthor.id == author.id:
            continue
        # Co-writers accepted to write it: co-authors of the proposal, already accepted.
        session.add(
            Coauthor(
                proposal_id=proposal.id,
                user_id=coauthor.id,
                status=COAUTHOR_ACCEPTED,
                invited_by_id=author.id,
                accepted_at=api.utcnow(),
            )
        )
        api.follow(coauthor, proposal.resource, component=draft.component, reason="author")
    return proposal


def withdraw(session: Session, draft: CollaborativeDraft) -> None:
    if not draft.is_open:
        raise ClosedError
    draft.state = WITHDRAWN
    draft.version += 1
    _log(session, draft, "proposals.collaborative_draft_withdrawn")


def coauthors_of(session: Session, proposal_id: int) -> list[api.User]:
    """The co-writers of the draft a proposal came from (empty when it came from none)."""
    query = select(CollaborativeDraft.id).where(CollaborativeDraft.proposal_id == proposal_id)
    draft_id = session.scalar(query)
    return collaborators(session, draft_id) if draft_id is not None else []


def _log(
    session: Session,
    draft: CollaborativeDraft,
    action: str,
    extra: dict[str, object] | None = None,
    visibility: str = "public",
) -> None:
    api.log_action(
        session,
        action,
        resource=draft.resource,
        component=draft.component,
        visibility=visibility,
        extra=extra,
    )
