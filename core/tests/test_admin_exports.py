"""Large exports are background jobs: the admin asks, a job writes the file, the page links
it, an e-mail tells; downloads come from disk; a re-run writes nothing twice."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from pnyx.admin.exports import build_export, export_path
from pnyx.models import ActionLog, AdminExport


@pytest.fixture
def admin(client, make_organization, make_user):
    make_organization()
    person = make_user(roles=["admin"], name="Anne Admin", email="anne@example.org")
    client.sign_in(person)
    return person


def add_entries(session, count: int, **fields) -> None:
    for number in range(count):
        session.add(
            ActionLog(action=f"test.export{number}", visibility="admin", extra={}, **fields)
        )
    session.commit()


def test_the_action_log_export_is_built_by_a_job_and_downloaded_from_disk(
    client, session, admin, make_user, outbox
) -> None:
    resident = make_user(name="Rémi Résident")
    add_entries(session, 7, actor_id=resident.id)
    add_entries(session, 2)  # other actions, filtered out below

    response = client.post_form("/admin/log/export", {"action": "test.export", "actor": "Rémi"})

    assert response.status_code == 302 and response.location == "/admin/exports"
    [export] = session.scalars(select(AdminExport)).all()
    assert (export.status, export.rows, export.kind) == ("ready", 7, "action_log")
    page = client.get("/admin/exports").text
    assert f"/admin/exports/{export.token}" in page and "Download (7 rows)" in page
    [mail] = outbox
    assert mail["To"] == "anne@example.org" and mail["Subject"] == "Your export is ready"
    assert outbox.link("/admin/exports") == "/admin/exports"

    download = client.get(f"/admin/exports/{export.token}")
    assert download.status_code == 200
    assert download.headers["Content-Type"].startswith("text/csv")
    assert download.headers["Cache-Control"] == "private, no-store"
    assert "attachment" in download.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(download.get_data(as_text=True))))
    assert len(rows) == 7 and {row["actor"] for row in rows} == {"Rémi Résident"}
    assert rows[0]["action"] == "test.export6"  # newest first


def test_a_rerun_rewrites_the_file_whole_and_sends_nothing_twice(
    app, client, session, admin, outbox
) -> None:
    add_entries(session, 3)
    client.post_form("/admin/log/export", {"action": "test.export"})
    [export] = session.scalars(select(AdminExport)).all()
    with app.test_request_context():
        path = export_path(export)
        before = path.read_bytes()
        build_export(export.id)  # the queue delivers the job again: nothing happens
        assert path.read_bytes() == before and len(outbox) == 1
        # A worker killed mid-file left a partial file and the export pending: the re-run
        # writes the file whole, once.
        export.status = "pending"
        session.commit()
        path.with_suffix(".part").write_text("half a fi")
        path.unlink()
        build_export(export.id)
        assert path.read_bytes() == before and not path.with_suffix(".part").exists()
    session.expire_all()
    assert session.get(AdminExport, export.id).status == "ready"


def test_only_the_admin_who_asked_downloads_the_file(
    client, session, admin, make_user, sign_in
) -> None:
    add_entries(session, 1)
    client.post_form("/admin/log/export", {})
    [export] = session.scalars(select(AdminExport)).all()
    sign_in(client, make_user(roles=["admin"]))
    assert client.get(f"/admin/exports/{export.token}").status_code == 404
    assert export.token not in client.get("/admin/exports").text
    sign_in(client, make_user())
    assert client.get(f"/admin/exports/{export.token}").status_code in (403, 404)
    assert client.post_form("/admin/log/export", {}).status_code in (403, 404)


def test_bad_filters_are_refused(client, admin) -> None:
    assert client.post_form("/admin/log/export", {"from": "yesterday"}).status_code == 400
