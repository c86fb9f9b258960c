"""Production defaults (issue 12, item 4): missing extras are one-line start-up errors,
``/healthz`` tells a load balancer whether this process can serve, and
``pnyx.gunicorn_conf`` sizes gunicorn from the machine and the environment."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from pnyx import create_app
from pnyx.cli import main
from pnyx.db import get_database
from pnyx.errors import StartupError
from pnyx.migrate import upgrade

POSTGRESQL_URL = "postgresql+psycopg://pnyx@127.0.0.1:5432/pnyx"
REDIS_URL = "redis://127.0.0.1:6379/2"


def test_a_postgresql_url_without_the_extra_names_it(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if not installed
    with pytest.raises(StartupError, match=r"pip install 'pnyx\[postgresql\]'"):
        create_app({"INSTANCE_PATH": str(tmp_path), "DATABASE_URL": POSTGRESQL_URL})


def test_the_command_line_says_it_in_one_line(monkeypatch, tmp_path: Path, capsys) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    monkeypatch.setenv("PNYX_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("PNYX_DATABASE_URL", POSTGRESQL_URL)
    with pytest.raises(SystemExit) as exit_info:
        main(["db", "upgrade"])
    assert exit_info.value.code == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("pnyx: PNYX_DATABASE_URL uses postgresql")
    assert "pnyx[postgresql]" in lines[0]


def test_a_redis_url_without_the_extra_names_it(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "redis", None)
    with pytest.raises(StartupError, match=r"pip install 'pnyx\[redis\]'"):
        create_app({"INSTANCE_PATH": str(tmp_path), "REDIS_URL": REDIS_URL})


def migrated_app(tmp_path: Path, **config: str):
    app = create_app({"INSTANCE_PATH": str(tmp_path), "PLUGINS": "", **config})
    upgrade(app)
    return app


def test_healthz_answers_ok_on_a_migrated_instance(tmp_path: Path) -> None:
    app = migrated_app(tmp_path)
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.json == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "redis": "not configured"},
    }
    assert response.headers["Cache-Control"] == "no-store"
    get_database(app).engine.dispose()


def test_healthz_is_503_with_a_reason_before_the_migrations(tmp_path: Path) -> None:
    app = create_app({"INSTANCE_PATH": str(tmp_path), "PLUGINS": ""})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["status"] == "unavailable"
    assert response.json["reason"].startswith("migrations: migrations not applied: pnyx")
    get_database(app).engine.dispose()


def test_healthz_is_503_when_redis_cannot_be_reached(tmp_path: Path) -> None:
    app = migrated_app(tmp_path, REDIS_URL="redis://127.0.0.1:1/0")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["reason"].startswith("redis: ")
    assert response.json["checks"] == {"database": "ok", "migrations": "ok"}
    get_database(app).engine.dispose()


def test_healthz_checks_redis_when_configured(tmp_path: Path) -> None:
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip("no Redis server at 127.0.0.1:6379")
    app = migrated_app(tmp_path, REDIS_URL=REDIS_URL)
    response = app.test_client().get("/healthz")
    assert (response.status_code, response.json["checks"]["redis"]) == (200, "ok")
    get_database(app).engine.dispose()


def test_gunicorn_conf_follows_the_machine_and_the_environment(monkeypatch) -> None:
    import pnyx.gunicorn_conf as conf

    monkeypatch.delenv("PNYX_WORKERS", raising=False)
    monkeypatch.delenv("PNYX_THREADS", raising=False)
    conf = importlib.reload(conf)
    assert conf.workers == conf.multiprocessing.cpu_count() * 2 + 1
    assert (conf.worker_class, conf.threads) == ("gthread", 4)  # docs/performance.md
    assert conf.preload_app is True
    assert "%(U)s" in conf.access_log_format and "%(r)s" not in conf.access_log_format
    monkeypatch.setenv("PNYX_WORKERS", "3")
    monkeypatch.setenv("PNYX_BIND", "0.0.0.0:9000")
    conf = importlib.reload(conf)
    assert (conf.workers, conf.bind) == (3, "0.0.0.0:9000")
    monkeypatch.setenv("PNYX_THREADS", "1")  # gunicorn's synchronous workers
    conf = importlib.reload(conf)
    assert (conf.worker_class, conf.threads) == ("sync", 1)
