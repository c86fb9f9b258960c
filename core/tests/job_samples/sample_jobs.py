"""Jobs used by the jobs tests; importable by a ``pnyx worker`` (on its PYTHONPATH)."""

from __future__ import annotations

from pathlib import Path

from flask import g, url_for
from sqlalchemy import func, select

from pnyx.db import get_session
from pnyx.jobs import job
from pnyx.models import User


def note(path: str, text: str) -> None:
    """Append a line: what ran, in which order."""
    with Path(path).open("a") as file:
        file.write(text + "\n")


def count_users(path: str) -> None:
    """Write how many people the job sees (committed data only) and an external URL."""
    users = get_session().scalar(select(func.count(User.id)))
    link = url_for("pnyx_auth.sign_in", _external=True)
    note(path, f"{users} {link} {g.get('user')}")


@job(retries=0)
def fail(path: str) -> None:
    note(path, "failing")
    raise RuntimeError("this job always fails")
