"""A participatory text's life: imported, published (articles become proposals), versioned.

Each function changes rows, logs the change and leaves the commit to the
caller. Versions are numbered per component: ``UniqueConstraint(component_id,
number)`` refuses a second version with the same number when two staff members
publish at once (the view says so and nothing is half-written).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from pnyx import api
from pnyx_proposals.markdown import plain_text
from pnyx_proposals.models import Proposal
from pnyx_proposals.texts import revisions
from pnyx_proposals.texts.models import ARTICLE, TextItem, TextVersion
from pnyx_proposals.texts.parsing import Node


class AlreadyPublishedError(Exception):
    """The imported version was published meanwhile (by someone else): nothing was written."""


def versions(session: Session, component_id: int) -> Sequence[TextVersion]:
    """Every version of the component's text, newest first."""
    query = (
        select(TextVersion)
        .where(TextVersion.component_id == component_id)
        .order_by(TextVersion.number.desc())
    )
    return session.scalars(query).all()


def published_version(
    session: Session, component_id: int, number: int | None = None
) -> TextVersion | None:
    """The latest published version (or version ``number`` if published), with its items."""
    query = (
        select(TextVersion)
        .where(TextVersion.component_id == component_id, TextVersion.published_at.is_not(None))
        .options(selectinload(TextVersion.items))
    )
    if number is not None:
        query = query.where(TextVersion.number == number)
    return session.scalars(query.order_by(TextVersion.number.desc()).limit(1)).first()


def pending_version(session: Session, component_id: int) -> TextVersion | None:
    """The imported version staff have not published yet."""
    query = (
        select(TextVersion)
        .where(TextVersion.component_id == component_id, TextVersion.published_at.is_(None))
        .options(selectinload(TextVersion.items))
    )
    return session.scalars(query).first()


def next_number(session: Session, component_id: int) -> int:
    query = select(func.max(TextVersion.number)).where(TextVersion.component_id == component_id)
    return (session.scalar(query) or 0) + 1


def import_text(
    session: Session,
    component: api.Component,
    title: str,
    source: str,
    filename: str,
    nodes: list[Node],
    user: api.User | None,
    note: str = "",
    language: str = "",
) -> TextVersion:
    """An unpublished version from an imported file (replacing an earlier unpublished one),
    written in ``language`` (staff say which: its articles are marked with it).

    Once the text is published, the file is its revised version: its articles are matched to
    the published ones (:mod:`~pnyx_proposals.texts.revisions`), shown to staff before they
    publish it."""
    session.execute(
        delete(TextVersion).where(
            TextVersion.component_id == component.id, TextVersion.published_at.is_(None)
        )
    )
    version = TextVersion(
        component_id=component.id,
        number=next_number(session, component.id),
        title=title,
        source=source,
        filename=filename[:255],
        note=note,
        language=language,
        created_by_id=user.id if user else None,
    )
    version.items = [
        TextItem(
            position=n,
            kind=node.kind,
            level=node.level,
            title=node.title,
            body=node.body,
            language=language,
        )
        for n, node in enumerate(nodes, start=1)
    ]
    previous = published_version(session, component.id)
    if previous is not None:
        revisions.match(previous.items, version.items)
    session.add(version)
    session.flush()
    _log(session, component, "proposals.text_imported", version)
    return version


def publish_imported(session: Session, version: TextVersion) -> int:
    """Publish an imported version: each new article becomes a published proposal; returns
    how many. For a revised version, matched articles' proposals take the imported text and
    removed articles' proposals are withdrawn (:func:`revisions.revise_articles`).

    The proposals have no personal author: they are the organization's text
    (``authorship = "official"``: managers decide on their amendments), amended and
    commented like any proposal.
    """
    component = version.component
    previous = published_version(session, component.id)
    now = api.utcnow()
    # Claim the version before writing anything: of two staff publishing it at once, the
    # second waits on the row (PostgreSQL) and then finds it published.
    claim = (
        update(TextVersion)
        .where(TextVersion.id == version.id, TextVersion.published_at.is_(None))
        .values(published_at=now)
    )
    claimed = session.execute(claim, execution_options={"synchronize_session": False})
    if claimed.rowcount != 1:
        raise AlreadyPublishedError(version.id)
    set_committed_value(version, "published_at", now)
    if previous is not None:
        revisions.revise_articles(session, previous, version)
    created = 0
    for item in version.items:
        if item.kind != ARTICLE or item.proposal_id is not None:
            continue
        proposal = Proposal(
            component_id=component.id,
            author_id=None,
            title=item.title,
            body=item.body,
            summary=plain_text(item.body),
            language=item.language,
            published_at=now,
        )
        proposal.authorship = "official"
        session.add(proposal)
        session.flush()
        item.proposal_id = proposal.id
        created += 1
    action = "proposals.text_version_imported" if previous else "proposals.text_published"
    _log(session, component, action, version)
    return created


def publish_new_version(
    session: Session, component: api.Component, note: str, user: api.User | None
) -> TextVersion:
    """A new published version: the current text of every article's proposal (amendments
    accepted since are in it), under the previous version's sections."""
    previous = published_version(session, component.id)
    if previous is None:
        raise LookupError("no published version")
    ids = [item.proposal_id for item in previous.items if item.proposal_id is not None]
    proposals = {p.id: p for p in session.scalars(select(Proposal).where(Proposal.id.in_(ids)))}
    version = TextVersion(
        component_id=component.id,
        number=previous.number + 1,
        title=previous.title,
        language=previous.language,
        source="snapshot",
        note=note,
        created_by_id=user.id if user else None,
        published_at=api.utcnow(),
    )
    items = []
    for item in previous.items:
        proposal = proposals.get(item.proposal_id) if item.proposal_id else None
        items.append(
            TextItem(
                position=item.position,
                kind=item.kind,
                level=item.level,
                title=proposal.title if proposal else item.title,
                body=proposal.body if proposal else item.body,
                # An accepted amendment may have given the article another language.
                language=proposal.language if proposal else item.language,
                proposal_id=item.proposal_id,
            )
        )
    if [_reading(item) for item in items] == [_reading(item) for item in previous.items]:
        # Each click published the same text again as "version N+1" for residents to read.
        raise NothingChangedError(previous.number)
    version.items = items
    session.add(version)
    session.flush()
    _log(session, component, "proposals.text_version_published", version)
    return version


class NothingChangedError(Exception):
    """No article changed since the published version ``number``: a new one would repeat it."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


def _reading(item: TextItem) -> tuple[str, int, str, str, str]:
    """What a reader sees of an item."""
    return (item.kind, item.level, item.title, item.body, item.language)


def discard_pending(session: Session, component: api.Component) -> bool:
    pending = pending_version(session, component.id)
    if pending is None:
        return False
    session.delete(pending)
    _log(session, component, "proposals.text_import_discarded", pending)
    return True


def article_of(session: Session, proposal_id: int) -> tuple[TextVersion, TextItem] | None:
    """The latest published version holding this proposal as an article, and the article."""
    query = (
        select(TextVersion, TextItem)
        .join(TextItem, TextItem.version_id == TextVersion.id)
        .where(TextItem.proposal_id == proposal_id, TextVersion.published_at.is_not(None))
        .order_by(TextVersion.number.desc())
        .limit(1)
    )
    row = session.execute(query).first()
    return (row[0], row[1]) if row else None


def _log(session: Session, component: api.Component, action: str, version: TextVersion) -> None:
    api.log_action(
        session,
        action,
        component=component,
        visibility="admin" if version.published_at is None else "public",
        extra={"version": version.number, "text_version_id": version.id},
    )
