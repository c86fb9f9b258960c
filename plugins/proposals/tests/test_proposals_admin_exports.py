"""A component type's exports (``ExportDefinition``) are prepared by a job: the admin asks on
the component's admin page, is told the file is being prepared, and downloads it from
Admin › Exports once written (inline after the response on the embedded default)."""

from __future__ import annotations

import csv
import io
import json

from sqlalchemy import select

from pnyx.models import AdminExport


def test_a_component_export_is_prepared_by_a_job_then_downloaded(
    client, session, component, add_proposal, make_user, outbox
) -> None:
    for title in ("Benches", "Trees", "=cmd|' /C calc'!A0"):
        add_proposal(title)
    client.sign_in(make_user(roles=["admin"], email="anne@example.org"))
    page = client.get(f"/admin/components/{component.id}").text
    assert "Prepare Proposals as CSV" in page and "Prepare Proposals as JSON" in page

    asked = client.post_form(
        f"/admin/components/{component.id}/exports", {"export": "proposals", "format": "csv"}
    )

    assert asked.status_code == 302 and asked.location == "/admin/exports"
    listing = client.get("/admin/exports").text
    assert "Your file is being prepared" in listing and "Proposals (CSV)" in listing
    [export] = session.scalars(select(AdminExport)).all()
    assert (export.status, export.rows, export.kind) == ("ready", 3, "component")
    [mail] = outbox
    assert mail["To"] == "anne@example.org" and "Proposals (CSV)" in mail.get_content()
    download = client.get(f"/admin/exports/{export.token}")
    assert download.headers["Content-Type"].startswith("text/csv")
    assert f"proposals-{component.id}-" in download.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(download.get_data(as_text=True))))
    titles = sorted(row["title"] for row in rows)
    assert len(rows) == 3 and "'=cmd|' /C calc'!A0" in titles  # no formula runs


def test_the_json_format_and_a_wrong_choice(client, session, component, add_proposal, make_user):
    add_proposal("Benches")
    client.sign_in(make_user(roles=["admin"]))
    url = f"/admin/components/{component.id}/exports"

    refused = client.post_form(url, {"export": "proposals", "format": "xlsx"})
    unknown = client.post_form(url, {"export": "nothing", "format": "csv"})

    assert refused.status_code == unknown.status_code == 302
    assert refused.location == f"/admin/components/{component.id}"
    assert "This export does not exist" in client.get(refused.location).text
    assert session.scalars(select(AdminExport)).all() == []

    client.post_form(url, {"export": "proposals", "format": "json"})
    [export] = session.scalars(select(AdminExport)).all()
    download = client.get(f"/admin/exports/{export.token}")
    assert download.headers["Content-Type"].startswith("application/json")
    assert [row["title"] for row in json.loads(download.data)] == ["Benches"]
