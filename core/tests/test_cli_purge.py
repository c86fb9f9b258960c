"""``pnyx purge`` (docs/deployment.md, "Cron"): one daily command deletes what is kept for a
limited time, on a site where nobody sends a form or a file to clear it on the way."""

from __future__ import annotations

import datetime as dt
import io

from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from pnyx import api
from pnyx.models import FormSubmission
from pnyx.personal_data.export import exports_folder
from pnyx.submissions import KEPT
from pnyx.testing.files import PDF


def token(session, name: str, age: dt.timedelta) -> None:
    created = api.utcnow() - age
    session.add(FormSubmission(token=name, digest="d" * 64, created_at=created))


def held_file(app, session, user, age: dt.timedelta) -> str:
    with app.test_request_context():
        attachment = api.attachments.hold(
            FileStorage(io.BytesIO(PDF), filename="cv.pdf"),
            user=user,
            space=None,
            component=None,
            readers_action=api.actions.ADMIN_SPACE,
        )
        session.flush()
        attachment.created_at = api.utcnow() - age
        session.commit()
        return attachment.key


def test_purge_deletes_old_tokens_held_files_and_stray_archives(
    app, session, make_user, cli_runner
) -> None:
    token(session, "old-token-of-the-day-before", KEPT + dt.timedelta(minutes=1))
    token(session, "fresh-token-of-this-morning", KEPT - dt.timedelta(hours=1))
    session.commit()
    # Two people: holding a file clears its sender's own stale ones, not others'.
    stale = held_file(app, session, make_user(), dt.timedelta(days=2))
    fresh = held_file(app, session, make_user(), dt.timedelta(hours=1))
    with app.app_context():
        (exports_folder() / "left-over.part").write_bytes(b"half an archive")
    result = cli_runner.invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert "1 form submission token(s) older than a day deleted." in result.output
    assert "1 uploaded file(s) held for a form never sent deleted." in result.output
    assert "1 expired or unknown personal-data archive file(s) deleted." in result.output
    session.expire_all()
    assert session.scalars(select(FormSubmission.token)).all() == ["fresh-token-of-this-morning"]
    keys = set(session.scalars(select(api.attachments.Attachment.key)))
    assert stale not in keys and keys == {fresh}
    with app.app_context():
        assert list(exports_folder().iterdir()) == []


def test_purge_with_nothing_to_delete_says_so(cli_runner) -> None:
    result = cli_runner.invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert [line.split(" ")[0] for line in result.output.splitlines()] == ["0", "0", "0"]
