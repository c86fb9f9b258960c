"""The "download my data" export: the job, its ZIP file, its expiry.

A request creates a job (a :class:`~pnyx.models.DataExport` row, ``pending``);
building it writes ``<instance>/exports/<token>.zip`` and marks it ``ready``.
Both run in the request for now; a job queue can run :func:`build_export`
later without changing anything else. Files live
:data:`EXPORT_LIFETIME`; an expired one is deleted when someone asks for it
and by ``pnyx personal-data purge``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx.action_log import log_action
from pnyx.models import DataExport, User, utcnow
from pnyx.personal_data.archive import ArchiveWriter
from pnyx.personal_data.core_data import core_files

log = logging.getLogger(__name__)

EXPORT_LIFETIME = dt.timedelta(days=7)
#: A person gets one new archive per this delay (building one costs the server).
EXPORT_INTERVAL = dt.timedelta(minutes=10)
CORE_FOLDER = "pnyx"
READY = "ready"
PENDING = "pending"


class ExportError(Exception):
    """Building an archive failed; the cause was logged, the person is asked to retry."""


def exports_folder() -> Path:
    """``<instance>/exports``, created readable by the server's user only."""
    folder = Path(current_app.config["INSTANCE_PATH"]) / "exports"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def export_path(export: DataExport) -> Path:
    return exports_folder() / f"{export.token}.zip"


def current_exports(session: Session, user: User) -> list[DataExport]:
    """The person's archives that can still be downloaded, newest first."""
    query = (
        select(DataExport)
        .where(DataExport.user_id == user.id, DataExport.expires_at > utcnow())
        .order_by(DataExport.id.desc())
    )
    return list(session.scalars(query))


def too_soon(session: Session, user: User) -> bool:
    """Whether the person asked for an archive less than :data:`EXPORT_INTERVAL` ago."""
    query = select(DataExport.id).where(
        DataExport.user_id == user.id, DataExport.created_at > utcnow() - EXPORT_INTERVAL
    )
    return session.scalar(query.limit(1)) is not None


def remove_export(session: Session, export: DataExport) -> None:
    """Delete the archive's file now and its row with the session's transaction."""
    export_path(export).unlink(missing_ok=True)
    session.delete(export)


def request_export(session: Session, user: User) -> DataExport:
    """Create the job; the person's older archives are replaced by this one."""
    for old in session.scalars(select(DataExport).where(DataExport.user_id == user.id)):
        remove_export(session, old)
    export = DataExport(
        user_id=user.id,
        token=secrets.token_urlsafe(32),
        status=PENDING,
        expires_at=utcnow() + EXPORT_LIFETIME,
    )
    session.add(export)
    log_action(
        session, "pnyx.personal_data.export_requested", actor_id=user.id, visibility="private"
    )
    return export


def plugin_files(user: User) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(plugin name, files)`` of every plugin's ``export_user_data``, in load order."""
    hook = current_app.extensions["pnyx.plugins"].pm.hook.export_user_data
    for impl in hook.get_hookimpls():
        try:
            files = impl.function(**{name: {"user": user}[name] for name in impl.argnames})
        except Exception as error:
            raise ExportError(f"plugin {impl.plugin_name}: export_user_data failed") from error
        if files:
            yield impl.plugin_name, files


def readme(names: list[str]) -> str:
    lines = [
        _("Your data on this platform, as of %(date)s.", date=format_date(utcnow(), "long")),
        _(
            "The folder pnyx holds your profile, roles and actions; each other folder holds "
            "the data of one part of the platform."
        ),
        "",
        *names,
        "",
    ]
    return "\n".join(lines)


def write_archive(path: Path, user: User, session: Session) -> None:
    """Write the ZIP at ``path``: the core's files, each plugin's, then a README."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        writer = ArchiveWriter(archive)
        for name, content in core_files(session, user).items():
            writer.add(CORE_FOLDER, name, content)
        for plugin, files in plugin_files(user):
            for name, content in files.items():
                try:
                    writer.add(plugin, name, content)
                except Exception as error:
                    raise ExportError(f"plugin {plugin}: file {name!r} failed") from error
        archive.writestr("README.txt", readme(writer.names).encode("utf-8"))


def build_export(session: Session, export: DataExport, user: User) -> None:
    """Build the archive of a pending job and mark it ready (the caller commits).

    The file is written beside its final name and renamed once complete, so a
    half-written archive is never served. Raises :class:`ExportError`.
    """
    path = export_path(export)
    partial = path.with_suffix(".part")
    try:
        write_archive(partial, user, session)
    except Exception as error:
        partial.unlink(missing_ok=True)
        log.exception("personal data export %s failed", export.id)
        raise ExportError(str(error)) from error
    os.replace(partial, path)
    export.status = READY
    export.size = path.stat().st_size


def purge_expired(session: Session, now: dt.datetime | None = None) -> int:
    """Delete expired archives (files and rows) and files no job knows; returns how many."""
    now = now or utcnow()
    expired = list(session.scalars(select(DataExport).where(DataExport.expires_at <= now)))
    for export in expired:
        remove_export(session, export)
    session.flush()
    known = set(session.scalars(select(DataExport.token)))
    strays = [
        path
        for path in exports_folder().iterdir()
        if path.is_file()
        and path.suffix in (".zip", ".part")
        and path.name.split(".")[0] not in known
    ]
    for path in strays:
        path.unlink(missing_ok=True)
    return len(expired) + len(strays)
