"""The open-data bundle (issue 21 item 2): a ZIP of CSV files per resource type with a
README, the licence, a Table Schema per file and a Data Package descriptor, that validates
with frictionless; private spaces and personal data never in it; written by a command, a
job (staff button) and on the first download."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import frictionless
import pytest

from pnyx import api
from pnyx.models import OpenDataSettings
from pnyx_budgets.models import Budget, Project
from pnyx_meetings.models import Meeting
from pnyx_proposals.models import Proposal

pytestmark = pytest.mark.pnyx_plugins("proposals", "budgets", "meetings")


@pytest.fixture
def city(session, make_organization, make_space, make_component, make_user):
    make_organization()
    public = make_space(slug="open", title={"en": "Open space", "fr": "Espace ouvert"})
    private = make_space(slug="closed", title={"en": "Closed space"}, private=True)
    proposals = make_component(public, "proposals")
    budgets = make_component(public, "budgets")
    meetings = make_component(public, "meetings")
    secret = make_component(private, "proposals")
    ana = make_user(name="Ana Author", email="ana@example.org")
    session.flush()
    now = api.utcnow()
    budget = Budget(component_id=budgets.id, title={"fr": "Budget, 2027"}, amount=1000)
    session.add_all(
        [
            Proposal(
                component_id=proposals.id,
                title='Bancs, "ombre"',
                body="a\nb",
                published_at=now,
                author_id=ana.id,
            ),
            Proposal(component_id=secret.id, title="Secret plan", body="...", published_at=now),
            Meeting(
                component_id=meetings.id,
                title={"fr": "Atelier"},
                start_at=now,
                end_at=now,
                author_id=ana.id,
            ),
            budget,
        ]
    )
    session.flush()
    session.add(Project(budget_id=budget.id, title={"fr": "Parc"}, cost=100))
    session.commit()
    return {
        "member": make_user(name="member", email="m@example.org", space_roles={private: "admin"})
    }


def unzip(data: bytes, folder: Path) -> Path:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(folder)
    return folder


def test_bundle_validates_against_its_table_schemas(client, city, tmp_path) -> None:
    response = client.get("/open-data/organization.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    folder = unzip(response.data, tmp_path / "bundle")
    names = {path.name for path in folder.iterdir()}
    assert {
        "README.txt",
        "LICENCE.txt",
        "datapackage.json",
        "proposals.csv",
        "proposals.schema.json",
        "budgets_projects.csv",
        "meetings.csv",
        "spaces.csv",
        "statistics.csv",
    } <= names
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    proposals = (folder / "proposals.csv").read_text()
    assert 'Bancs, ""ombre""' in proposals
    assert "Licence Ouverte" in (folder / "LICENCE.txt").read_text()


def test_private_spaces_and_personal_data_never_in_a_bundle(
    client, city, tmp_path, make_user
) -> None:
    resident = make_user(name="resident", email="r@example.org")
    for who in (None, resident, city["member"]):
        if who is not None:
            client.sign_in(who)
        data = client.get("/open-data/organization.zip").data
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            text = "".join(archive.read(name).decode() for name in archive.namelist())
        assert "Secret plan" not in text and "closed" not in text
        assert "Ana Author" not in text and "@example.org" not in text
        assert client.get("/open-data/space-closed.zip").status_code == 404
    space = client.get("/open-data/space-open.zip")
    assert space.status_code == 200
    folder = unzip(space.data, tmp_path / "space")
    assert frictionless.validate(str(folder / "datapackage.json")).valid


def test_the_licence_the_organization_chose(client, session, city, tmp_path) -> None:
    session.add(OpenDataSettings(id=1, licence="odbl-1.0"))
    session.commit()
    folder = unzip(client.get("/open-data/organization.zip").data, tmp_path / "b")
    assert "Open Database License" in (folder / "LICENCE.txt").read_text()


def test_command_writes_every_public_bundle(app, city, cli_runner) -> None:
    result = cli_runner.invoke(args=["open-data", "generate"])
    assert result.exit_code == 0, result.output
    written = sorted(
        path.name for path in (Path(app.config["INSTANCE_PATH"]) / "open_data").iterdir()
    )
    assert written == ["organization.zip", "space-open.zip"]


def test_staff_write_them_now_and_the_page_lists_them(client, city, make_user) -> None:
    client.sign_in(make_user(name="admin", email="admin@example.org", roles=["admin"]))
    assert client.post_form("/admin/open-data/generate").status_code == 302
    page = client.get("/open-data", headers={"Accept-Language": "en"}).text
    assert "Open space (ZIP)" in page and "generated on" in page and "Closed" not in page
