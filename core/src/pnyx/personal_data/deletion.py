"""Account deletion: the person becomes a "deleted participant".

What stays: the ``users`` row (its id, so content and ballots keep their
author and count), the action log's actor ids. What goes: e-mail, name,
password, language, roles, the core's rows that belong to the person
(authorizations...), their data archives, and whatever each plugin erases in
its ``delete_user_data`` hook. It all happens in one transaction: a failure
anywhere leaves the account as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from pnyx.action_log import log_action
from pnyx.attachments.private import HELD
from pnyx.attachments.service import remove_all
from pnyx.models import ActionLog, DataExport, User, UserSpaceRole, utcnow
from pnyx.personal_data.core_data import erase_owned_rows
from pnyx.personal_data.export import export_path
from pnyx.personal_data.names import DELETED_NAME
from pnyx.roles import RoleChangeError, ensure_not_last_admin

ERASED = "[erased]"
BATCH = 500


class DeletionRefusedError(Exception):
    """The account cannot be deleted now; ``message`` says why, for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def call_plugins(user: User, session: Session) -> None:
    """Every plugin's ``delete_user_data``, in load order; an exception propagates."""
    hook = current_app.extensions["pnyx.plugins"].pm.hook.delete_user_data
    offered = {"user": user, "session": session}
    for impl in hook.get_hookimpls():
        impl.function(**{name: offered[name] for name in impl.argnames})


def scrub(value: Any, secrets: list[str]) -> Any:
    """``value`` with every string holding one of ``secrets`` (case ignored) erased."""
    if isinstance(value, str):
        lowered = value.lower()
        return ERASED if any(secret in lowered for secret in secrets) else value
    if isinstance(value, dict):
        return {key: scrub(item, secrets) for key, item in value.items()}
    if isinstance(value, list):
        return [scrub(item, secrets) for item in value]
    return value


def entries_about(session: Session, user: User) -> Iterator[ActionLog]:
    """Log entries with details, where the person acted, assisted or was acted upon."""
    about = or_(
        ActionLog.actor_id == user.id,
        ActionLog.operator_id == user.id,
        (ActionLog.resource_type == "user") & (ActionLog.resource_id == user.id),
    )
    last_id = 0
    while True:
        query = (
            select(ActionLog)
            .where(about, ActionLog.id > last_id)
            .order_by(ActionLog.id)
            .limit(BATCH)
        )
        entries = list(session.scalars(query))
        if not entries:
            return
        yield from entries
        last_id = entries[-1].id


def scrub_action_log(session: Session, user: User) -> None:
    """The log keeps ids only: no e-mail or name may remain in an entry's details.

    ``log_action`` is for ids and plain facts, but a detail such as an old
    e-mail address may have slipped in; erasing it here is cheap insurance.
    """
    secrets = [s.lower() for s in (user.email, user.name) if s and len(s) >= 3]
    if not secrets:
        return
    for entry in entries_about(session, user):
        if entry.extra:
            cleaned = scrub(entry.extra, secrets)
            if cleaned != entry.extra:
                entry.extra = cleaned


def delete_account(session: Session, user: User) -> list[Path]:
    """Turn ``user`` into a deleted participant (the caller commits).

    Returns the archive files to remove once the transaction committed.
    Raises :class:`DeletionRefusedError` for the last organization admin.
    """
    session.execute(select(User.id).where(User.id == user.id).with_for_update())
    if user.is_admin:
        try:
            ensure_not_last_admin(session, user)
        except RoleChangeError:
            raise DeletionRefusedError(
                _("You are the last administrator: make someone else administrator first.")
            ) from None
    call_plugins(user, session)
    scrub_action_log(session, user)
    exports = list(session.scalars(select(DataExport).where(DataExport.user_id == user.id)))
    files = [export_path(export) for export in exports]
    for export in exports:
        session.delete(export)
    user.organization_roles.clear()
    session.execute(delete(UserSpaceRole).where(UserSpaceRole.user_id == user.id))
    erase_owned_rows(session, user)
    _remove_own_files(user)
    erase_identity(user)
    log_action(session, "pnyx.account.deleted", resource=("user", user.id), actor_id=user.id)
    return files


def _remove_own_files(user: User) -> None:
    """The avatar and the files held for an unfinished form leave with the person (their
    files elsewhere go with what they belong to: plugins remove them in ``delete_user_data``)."""
    remove_all("user", user.id)
    remove_all(HELD, user.id)
    user.avatar_key = None


def erase_identity(user: User) -> None:
    """Forget who the person was; raising the session version ends every session."""
    user.email = None
    user.name = DELETED_NAME
    user.password_hash = None
    user.locale = None
    user.deleted_at = utcnow()
    user.session_version = (user.session_version or 1) + 1
