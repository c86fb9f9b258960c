"""A city's instance from zero through the real command line (issue 12, item 1):
``pnyx db upgrade``, ``pnyx init`` / ``pnyx users create-admin``, sign in, ``/admin``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from pnyx import create_app
from pnyx.db import get_database, get_session
from pnyx.models import ActionLog, Organization, User
from pnyx.testing.client import PnyxClient

PASSWORD = "Correct-horse-battery-9"
PNYX = str(Path(sys.executable).parent / "pnyx")


def run(instance: Path, *args: str, password: str | None = None, stdin: str = "") -> Any:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PNYX_")}
    env.update(PNYX_INSTANCE_PATH=str(instance), PNYX_PLUGINS="")
    if password is not None:
        env["PNYX_ADMIN_PASSWORD"] = password
    return subprocess.run(
        [PNYX, *args], env=env, input=stdin, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def instance(tmp_path: Path) -> Path:
    return tmp_path / "instance"


def web_client(instance: Path) -> tuple[Any, PnyxClient]:
    app = create_app({"INSTANCE_PATH": str(instance), "PLUGINS": ""})
    app.test_client_class = PnyxClient
    return app, app.test_client()


def test_create_admin_then_sign_in_and_administer(instance: Path) -> None:
    assert run(instance, "db", "upgrade").returncode == 0
    created = run(instance, "users", "create-admin", "Admin@City.example", password=PASSWORD)
    assert created.returncode == 0, created.stderr
    assert "Created the administrator admin@city.example" in created.stdout
    listed = run(instance, "users", "list", "--role", "admin")
    assert listed.stdout.startswith("admin@city.example\t")

    app, client = web_client(instance)
    client.get("/sign-in")
    signed_in = client.post_form("/sign-in", {"email": "admin@city.example", "password": PASSWORD})
    assert signed_in.status_code == 302
    assert client.get("/admin/").status_code == 200
    with app.app_context():
        actions = set(get_session().scalars(select(ActionLog.action)))
        assert {"pnyx.users.create", "pnyx.roles.grant"} <= actions
        assert get_session().scalar(select(User.confirmed_at)) is not None
    get_database(app).engine.dispose()


def test_a_weak_password_is_refused_in_one_line_and_nothing_is_written(instance: Path) -> None:
    run(instance, "db", "upgrade")
    refused = run(instance, "users", "create-admin", "admin@city.example", password="admin1234")
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines() == ["Error: Use at least 10 characters."]
    assert run(instance, "users", "list").stdout.strip() == "No account."


def test_before_the_migrations_the_command_says_what_to_run(instance: Path) -> None:
    refused = run(instance, "users", "create-admin", "admin@city.example", password=PASSWORD)
    assert refused.returncode == 1
    assert "run pnyx db upgrade first" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_init_creates_the_organization_once(instance: Path) -> None:
    run(instance, "db", "upgrade")
    options = (
        "--name", "Ville d'Angers", "--default-locale", "fr", "--locales", "fr,en,co",
        "--time-zone", "Europe/Paris", "--admin-email", "dsi@angers.example",
        "--admin-name", "Dominique Martin",
    )  # fmt: skip
    first = run(instance, "init", *options, password=PASSWORD)
    assert first.returncode == 0, first.stderr
    again = run(instance, "init", *options, password=PASSWORD)
    assert again.returncode == 1
    assert len(again.stderr.strip().splitlines()) == 1
    assert "already set up" in again.stderr
    app, _client = web_client(instance)
    with app.app_context():
        organization = get_session().scalar(select(Organization))
        assert organization.name == {"fr": "Ville d'Angers"}
        assert organization.available_locales == ["fr", "en", "co"]
        assert [user.email for user in get_session().scalars(select(User))] == [
            "dsi@angers.example"
        ]
    get_database(app).engine.dispose()


def test_init_asks_for_what_is_missing(instance: Path) -> None:
    run(instance, "db", "upgrade")
    answers = f"Cità d'Aiacciu\nco\nco,fr\n\nadmin@aiacciu.example\nPaulu Santu\n{PASSWORD}\n"
    done = run(instance, "init", stdin=answers + PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    assert "is ready" in done.stdout


def test_revoke_admin_never_removes_the_last_one(instance: Path) -> None:
    run(instance, "db", "upgrade")
    run(instance, "users", "create-admin", "first@city.example", password=PASSWORD)
    last = run(instance, "users", "revoke-admin", "first@city.example")
    assert last.returncode == 1
    assert "last administrator" in last.stderr
    run(instance, "users", "create-admin", "second@city.example", password=PASSWORD)
    revoked = run(instance, "users", "revoke-admin", "FIRST@city.example")
    assert revoked.returncode == 0, revoked.stderr
    admins = run(instance, "users", "list", "--role", "admin").stdout
    assert [line.split("\t")[0] for line in admins.splitlines()] == ["second@city.example"]
