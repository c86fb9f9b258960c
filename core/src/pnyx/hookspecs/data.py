"""The event hook and the personal-data hooks (see :mod:`pnyx.hookspecs`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from pnyx.events import Event
    from pnyx.models import User

from pnyx.hookspecs.markers import hookspec

# --- Event hook: after commit, never inside the transaction. -----------------


@hookspec
def on_event(event: Event) -> None:
    """React to a domain event that another part of the platform published.

    Called after the transaction that published the event committed (never
    for a rolled-back one), once per event, in plugin load order. ``event`` has
    ``name`` (``hello.message_posted``), ``payload`` (a dict of ids and plain
    values) and ``actor_id``. An exception is logged and does not affect the
    request or the other plugins.

    Example::

        @api.hookimpl
        def on_event(event):
            if event.name == "budgets.progress_changed":
                notify_followers(event.payload["project_id"])
    """


# --- Personal-data hooks: a person's requests about their own data. ----------


@hookspec
def export_user_data(user: User) -> dict[str, Any] | None:
    """Return this plugin's data about ``user``, for their "download my data" archive.

    Called when a person asks for their data (``/account/data``), while the
    archive is built, once per plugin in load order. Return ``None`` when the
    plugin holds nothing about the person, else a dict mapping a file name to
    its content; the files go into a folder named after the plugin
    (``budgets/ballots.csv``). A content is either:

    - rows, an iterable of dicts (a generator is read once, as the file is
      written): written as CSV when the name ends with ``.csv`` (columns are
      the first row's keys; every row must have the same keys), otherwise as
      a JSON array (``.json`` is added to a name without extension);
    - ``bytes`` or ``str`` (UTF-8): written as is.

    Values are plain JSON values; dates and datetimes are written in ISO 8601,
    dicts and lists in CSV cells as JSON. Give what the person wrote and what
    was recorded about them, never other people's data. An exception is
    logged and the whole export fails (the person is asked to try again
    later): an archive silently missing a part would be a wrong answer.

    Example::

        @api.hookimpl
        def export_user_data(user):
            rows = api.db_session().scalars(select(Message).where(Message.author_id == user.id))
            return {"messages.csv": ({"id": m.id, "body": m.body, "posted_at": m.created_at}
                                     for m in rows)}
    """


@hookspec
def delete_user_data(user: User, session: Session) -> None:
    """Erase or detach this plugin's data about ``user``, who is deleting their account.

    Called once per plugin in load order, inside the transaction that turns
    the person into a "deleted participant", before the core erases their
    e-mail and name and removes their roles. ``session`` is that
    transaction's session: write with it and never commit. What others rely
    on stays (a proposal, a message, shown from "Deleted participant");
    personal data goes (contact details, free-text answers about the
    person); a ballot keeps counting but loses its link to the person (set
    its voter to ``NULL``). Returns nothing. An exception rolls back the
    whole deletion: the account stays as it was, the error is logged and the
    person is asked to try again.

    Example::

        @api.hookimpl
        def delete_user_data(user, session):
            session.execute(
                update(Ballot).where(Ballot.voter_id == user.id).values(voter_id=None)
            )
    """
