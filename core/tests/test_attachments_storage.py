"""The storage interface: the local folder (default) and an S3-compatible bucket.

No S3 server runs on the test machines, so the S3 backend is tested against moto's
in-process fake of the S3 API (the same boto3 calls a real service receives); the
antivirus hook is tested with a scanner registered for the test.
"""

from __future__ import annotations

import io

import pytest
from flask_babel import force_locale
from werkzeug.datastructures import FileStorage

from pnyx import api
from pnyx.attachments.storage import LocalStorage, S3Storage
from pnyx.errors import StartupError
from pnyx.testing.files import PDF

KEY = "0123456789abcdef0123456789abcdef.pdf"


def roundtrip(backend) -> None:
    backend.save(KEY, io.BytesIO(PDF), "application/pdf")
    with backend.open(KEY) as file:
        assert file.read() == PDF
    assert list(backend.list_keys()) == [KEY]
    backend.delete(KEY)
    with pytest.raises(FileNotFoundError):
        backend.open(KEY)
    with pytest.raises(ValueError, match="not an attachment key"):
        backend.open("../pnyx.sqlite3")


def test_local_storage(tmp_path) -> None:
    roundtrip(LocalStorage(tmp_path / "files"))


@pytest.fixture
def s3_client():
    moto = pytest.importorskip("moto", reason="moto is in requirements-dev.txt")
    boto3 = pytest.importorskip("boto3")
    with moto.mock_aws():
        client = boto3.client(
            "s3", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y"
        )
        client.create_bucket(Bucket="pnyx-files")
        yield client


def test_s3_storage(s3_client) -> None:
    roundtrip(S3Storage(s3_client, "pnyx-files", prefix="ajaccio/"))


def test_an_app_on_s3_stores_and_serves_files(s3_client, app, client, make_space, monkeypatch):
    backend = S3Storage(s3_client, "pnyx-files")
    monkeypatch.setitem(app.extensions, "pnyx.attachments.storage", backend)
    space = make_space()
    with app.test_request_context():
        attachment, _notes = api.attachments.attach(
            FileStorage(io.BytesIO(PDF), "a.pdf"), ("space", space.id), space=space
        )
        api.db_session().commit()
        key = attachment.key
    assert list(backend.list_keys()) == [key]
    assert client.get(f"/files/{key}").data == PDF


def test_s3_needs_a_bucket(tmp_path) -> None:
    with pytest.raises(StartupError, match="ATTACHMENTS_S3_BUCKET"):
        api_app(tmp_path, ATTACHMENTS_STORAGE="s3")
    with pytest.raises(StartupError, match="'local' or 's3'"):
        api_app(tmp_path, ATTACHMENTS_STORAGE="ftp")


def api_app(tmp_path, **config):
    from pnyx import create_app

    return create_app({"INSTANCE_PATH": str(tmp_path), **config})


class Scanner:
    def __init__(self, verdict) -> None:
        self.verdict = verdict
        self.seen: list[bytes] = []

    @api.hookimpl
    def scan_upload(self, file, filename):
        self.seen.append(file.read())
        if isinstance(self.verdict, Exception):
            raise self.verdict
        return self.verdict


@pytest.mark.parametrize(
    ("verdict", "message"),
    [
        ("a virus was found: Eicar", "refused by the safety check: a virus was found: Eicar"),
        (RuntimeError("clamd is down"), "the check could not be done"),
    ],
)
def test_the_scan_upload_hook_refuses_files(app, make_space, verdict, message) -> None:
    scanner = Scanner(verdict)
    app.extensions["pnyx.plugins"].pm.register(scanner, name="scanner")
    space = make_space()
    refused = pytest.raises(api.attachments.AttachmentError, match=message)
    with app.test_request_context(), force_locale("en"), refused:
        api.attachments.attach(
            FileStorage(io.BytesIO(PDF), "a.pdf"), ("space", space.id), space=space
        )
    assert scanner.seen == [PDF]
    assert list(api_storage_keys(app)) == []


def api_storage_keys(app):
    with app.app_context():
        return list(api.attachments.storage().list_keys())


def test_no_scanner_accepts_files(app, make_space) -> None:
    space = make_space()
    with app.test_request_context():
        attachment, _notes = api.attachments.attach(
            FileStorage(io.BytesIO(PDF), "a.pdf"), ("space", space.id), space=space
        )
    assert attachment.kind == "pdf"
