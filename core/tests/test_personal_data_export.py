"""The "download my data" archive: a ZIP of JSON and CSV with the core's data and each plugin's,
only for its owner, signed in, for 7 days; `pnyx personal-data purge` deletes the rest."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from pnyx.models import ActionLog, Authorization, DataExport, utcnow
from pnyx.testing import install_plugins

PLUGINS = Path(__file__).parent / "personal_data_plugins"


@pytest.fixture
def pnyx_plugins(monkeypatch):
    install_plugins(monkeypatch, {"pdsample": "pnyx_pdsample"}, path=PLUGINS)
    return ["pdsample"]


@pytest.fixture
def pdsample(app):
    import pnyx_pdsample

    pnyx_pdsample.FAILING.clear()
    yield pnyx_pdsample
    pnyx_pdsample.FAILING.clear()


def exports_folder(app) -> Path:
    return Path(app.config["INSTANCE_PATH"]) / "exports"


def prepare(client) -> str:
    """Ask for the archive and return the download link shown on the page."""
    response = client.post_form("/account/data")
    assert response.status_code == 302
    page = client.get("/account/data").get_data(as_text=True)
    start = page.index('href="/account/data/') + len('href="')
    return page[start : page.index('"', start)]


def test_archive_holds_the_core_data_and_each_plugins(
    app, client, session, make_user, make_space, pdsample
) -> None:
    space = make_space(slug="budget")
    person = make_user(
        name="Inès Export",
        email="ines@example.org",
        roles=["moderator"],
        space_roles={space: "valuator"},
    )
    session.add(pdsample.Note(author_id=person.id, body="Plus de bancs", phone="0600000000"))
    session.add(ActionLog(action="test.acted", actor_id=person.id, extra={"n": 1}))
    session.add(Authorization(user_id=person.id, handler="birth_date", data={"year": 1990}))
    session.commit()
    client.sign_in(person)
    link = prepare(client)
    response = client.get(link)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"]
    assert "no-store" in response.headers["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = set(archive.namelist())
    assert {
        "README.txt",
        "pnyx/profile.json",
        "pnyx/roles.csv",
        "pnyx/action_log.csv",
        "pnyx/authorizations.json",
        "pdsample/notes.csv",
        "pdsample/summary.json",
        "pdsample/card.txt",
    } <= names
    profile = json.loads(archive.read("pnyx/profile.json"))[0]
    assert (profile["name"], profile["email"]) == ("Inès Export", "ines@example.org")
    roles = list(csv.DictReader(io.StringIO(archive.read("pnyx/roles.csv").decode())))
    assert {(r["scope"], r["space"], r["role"]) for r in roles} == {
        ("organization", "", "moderator"),
        ("space", "budget", "valuator"),
    }
    log = list(csv.DictReader(io.StringIO(archive.read("pnyx/action_log.csv").decode())))
    assert [row["action"] for row in log] == [
        "test.acted",
        "pnyx.personal_data.export_requested",
    ]
    assert json.loads(archive.read("pnyx/authorizations.json"))[0]["data"] == {"year": 1990}
    notes = list(csv.DictReader(io.StringIO(archive.read("pdsample/notes.csv").decode())))
    assert (notes[0]["body"], notes[0]["phone"]) == ("Plus de bancs", "0600000000")
    assert dt.datetime.fromisoformat(notes[0]["written_at"])  # ISO 8601
    assert json.loads(archive.read("pdsample/summary.json")) == [
        {"plugin": "pdsample", "tags": ["a", "b"]}
    ]
    assert archive.read("pdsample/card.txt").decode() == f"Card of person {person.id}"
    assert "pdsample/notes.csv" in archive.read("README.txt").decode()


def test_only_the_owner_signed_in_can_download(app, client, make_user) -> None:
    owner, other = make_user(), make_user()
    client.sign_in(owner)
    link = prepare(client)
    client.sign_in(other)
    assert client.get(link).status_code == 404
    assert client.get("/account/data/not-a-token").status_code == 404
    client.sign_out()
    response = client.get(link)
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    assert len(list(exports_folder(app).glob("*.zip"))) == 1


def test_the_file_is_private_to_the_server(app, client, make_user) -> None:
    client.sign_in(make_user())
    prepare(client)
    assert exports_folder(app).stat().st_mode & 0o077 == 0


def test_an_expired_archive_is_deleted_when_asked_for(app, client, session, make_user) -> None:
    client.sign_in(make_user())
    link = prepare(client)
    export = session.scalar(select(DataExport))
    export.expires_at = utcnow() - dt.timedelta(seconds=1)
    session.commit()
    response = client.get(link)
    assert response.status_code == 302 and response.headers["Location"] == "/account/data"
    assert session.scalar(select(DataExport)) is None
    assert list(exports_folder(app).iterdir()) == []
    assert client.get(link).status_code == 404


def test_a_new_archive_replaces_the_old_one_but_not_every_minute(
    app, client, session, make_user
) -> None:
    client.sign_in(make_user())
    first = prepare(client)
    assert prepare(client) == first  # asked again at once: the same file
    export = session.scalar(select(DataExport))
    export.created_at = utcnow() - dt.timedelta(hours=1)
    session.commit()
    second = prepare(client)
    assert second != first
    assert client.get(first).status_code == 404
    assert len(list(exports_folder(app).glob("*.zip"))) == 1


def test_a_failing_plugin_fails_the_export_cleanly(
    app, client, session, make_user, pdsample
) -> None:
    pdsample.FAILING.add("export")
    client.sign_in(make_user())
    response = client.post_form("/account/data", follow_redirects=True)
    assert "could not be prepared" in response.get_data(as_text=True)
    assert session.scalars(select(DataExport)).all() == []
    assert list(exports_folder(app).iterdir()) == []


def test_purge_deletes_expired_archives_and_unknown_files(
    app, client, session, make_user, cli_runner
) -> None:
    for person in (make_user(), make_user()):
        client.sign_in(person)
        prepare(client)
    expired, kept = session.scalars(select(DataExport).order_by(DataExport.id)).all()
    expired.expires_at = utcnow() - dt.timedelta(days=1)
    session.commit()
    (exports_folder(app) / "left-over.part").write_bytes(b"half an archive")
    (exports_folder(app) / "README").write_text("not an archive: left alone")
    result = cli_runner.invoke(args=["personal-data", "purge"])
    assert result.exit_code == 0, result.output
    assert "2 expired or unknown" in result.output
    assert [e.id for e in session.scalars(select(DataExport))] == [kept.id]
    assert {p.name for p in exports_folder(app).iterdir()} == {"README", f"{kept.token}.zip"}


def test_account_menu_links_to_both_pages(client, make_user) -> None:
    client.sign_in(make_user())
    page = client.get("/account/data", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'href="/account/data"' in page and 'href="/account/delete"' in page
    assert "<h1>Download my data</h1>" in page


def test_the_archives_size_is_written_in_the_readers_language(client, make_user) -> None:
    """The page said "(ZIP, 3.7 kB)" in French: Jinja's English filesizeformat."""
    client.sign_in(make_user())
    prepare(client)
    french = client.get("/account/data", headers={"Accept-Language": "fr"}).text
    english = client.get("/account/data", headers={"Accept-Language": "en"}).text
    assert re.search(r"\(ZIP, \d+ Ko\)", french) and re.search(r"\(ZIP, \d+ KB\)", english)
    assert "kB" not in french


@pytest.mark.parametrize(
    ("language", "size", "label"),
    [
        ("fr", 3_880_000, "3,7 Mo"),
        ("en", 3_880_000, "3.7 MB"),
        ("fr", 20 * 2**20, "20 Mo"),
    ],
)
def test_a_file_size_has_the_readers_decimal_sign(app, language, size, label) -> None:
    from pnyx.attachments.upload import size_label

    with app.test_request_context(headers={"Accept-Language": language}):
        assert size_label(size) == label
