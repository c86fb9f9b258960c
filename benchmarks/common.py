"""What the benchmarks share: throwaway databases, bulk inserts, timing, gunicorn, baselines.

Scripts in this folder run as ``.venv/bin/python benchmarks/<name>.py``, so this module is
imported as ``common``. Everything stays on localhost; every loop is bounded.
"""

from __future__ import annotations

import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import Integer, String, create_engine, event, insert, select, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

ROOT = Path(__file__).resolve().parents[1]
WARM_UP = 5


# --- throwaway PostgreSQL databases -------------------------------------------------------


def check_throwaway(url: str) -> None:
    """Exit unless ``url`` names a local database whose name contains ``bench``."""
    parsed = make_url(url)
    if parsed.host not in ("127.0.0.1", "localhost") or "bench" not in (parsed.database or ""):
        sys.exit(
            f"refusing to wipe {parsed.database} on {parsed.host}: use a local *bench* database"
        )


def recreate_database(url: str) -> None:
    """Drop and create the (local, ``*bench*``) database of ``url``."""
    check_throwaway(url)
    parsed = make_url(url)
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}"'))
        connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()


def empty_schema(url: str) -> None:
    """Drop every table of the (local, ``*bench*``) database of ``url``, creating it if needed."""
    check_throwaway(url)
    parsed = make_url(url)
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        found = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": parsed.database}
        ).scalar()
        if not found:
            connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


# --- bulk inserts --------------------------------------------------------------------------


def insert_rows(
    connection: Connection | Session, table: Any, rows: Iterable[dict[str, Any]], batch: int = 5000
) -> int:
    """``INSERT … executemany`` of ``rows`` in batches (columns' Python defaults apply);
    returns how many. Rows of one batch must name the same columns."""
    count, chunk = 0, []
    for row in rows:
        chunk.append(row)
        if len(chunk) == batch:
            connection.execute(insert(table), chunk)
            count += len(chunk)
            chunk = []
    if chunk:
        connection.execute(insert(table), chunk)
        count += len(chunk)
    return count


def ids_of(connection: Connection | Session, table: str) -> list[int]:
    return list(connection.execute(text(f"SELECT id FROM {table} ORDER BY id")).scalars())


# --- timing -----------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure_get(app: Any, path: str, requests: int, user: int | None) -> dict[str, Any]:
    """GET ``path`` ``requests`` times through the WSGI app after a warm-up: server times
    (ms), time waiting for the database (ms) and the set of statement counts seen."""
    client = app.test_client()
    if user is not None:
        client.sign_in(user)
    current = {"queries": 0, "sql": 0.0}

    def started(_c: Any, _cu: Any, _s: Any, _p: Any, context: Any, _m: Any) -> None:
        context.bench_started = time.perf_counter()

    def finished(_c: Any, _cu: Any, _s: Any, _p: Any, context: Any, _m: Any) -> None:
        current["queries"] += 1
        current["sql"] += time.perf_counter() - context.bench_started

    from pnyx.db import get_database

    engine = get_database(app).engine
    event.listen(engine, "before_cursor_execute", started)
    event.listen(engine, "after_cursor_execute", finished)
    totals, sql, counts = [], [], set()
    try:
        for number in range(WARM_UP + requests):
            current.update(queries=0, sql=0.0)
            start = time.perf_counter()
            response = client.get(path)
            elapsed = time.perf_counter() - start
            assert response.status_code == 200, (path, response.status_code)
            if number >= WARM_UP:
                totals.append(elapsed * 1000)
                sql.append(current["sql"] * 1000)
                counts.add(int(current["queries"]))
    finally:
        event.remove(engine, "before_cursor_execute", started)
        event.remove(engine, "after_cursor_execute", finished)
    return {"total": totals, "sql": sql, "queries": counts}


def cpu_per_call(call: Callable[[], Any], requests: int, warm_up: int = 10) -> tuple[float, float]:
    """(median CPU ms, median wall ms) of ``requests`` calls after a warm-up."""
    for _ in range(warm_up):
        call()
    cpu, wall = [], []
    for _ in range(requests):
        c0, w0 = time.process_time(), time.perf_counter()
        call()
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)
    return statistics.median(cpu), statistics.median(wall)


# --- the trivial baseline issue 13 compares with ----------------------------------------


class _Base(DeclarativeBase):
    pass


class BaselineRow(_Base):
    __tablename__ = "bench_baseline_rows"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(String(40))


def baseline_app(database_url: str) -> Flask:
    """One row read with SQLAlchemy into a small HTML page: the trivial Flask app."""
    engine = create_engine(database_url)
    _Base.metadata.create_all(engine)
    with Session(engine) as session:
        if session.get(BaselineRow, 1) is None:
            session.add(BaselineRow(id=1, text="hello"))
            session.commit()
    app = Flask("baseline")

    @app.get("/")
    def page() -> str:
        with Session(engine) as session:
            row = session.scalar(select(BaselineRow).where(BaselineRow.id == 1))
        return f"<!doctype html><title>Hello</title><p>{row.text if row else ''}</p>"

    return app


def baseline_wsgi() -> Flask:
    """gunicorn's entry point: ``common:baseline_wsgi()`` with ``BENCH_BASELINE_URL``."""
    return baseline_app(os.environ["BENCH_BASELINE_URL"])


# --- signed sessions, gunicorn --------------------------------------------------------------


def cookie_for(
    app: Any, user_id: int, session_token: str, session_version: int = 1
) -> tuple[str, str]:
    """A signed session cookie for ``user_id`` with its CSRF token: ``(cookie, token)``.

    ``session_token`` is the token of a server-side session record
    (``pnyx.accounts.sessions.start_session``): without one the cookie opens nothing."""
    token = secrets.token_urlsafe(32)
    serializer = app.session_interface.get_signing_serializer(app)
    value = serializer.dumps(
        {
            "user_id": user_id,
            "session_version": session_version,
            "session_token": session_token,
            "csrf_token": token,
        }
    )
    return f"{app.config.get('SESSION_COOKIE_NAME', 'session')}={value}", token


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_gunicorn(
    app_spec: str, port: int, env: dict[str, str], workers: int = 2, chdir: Path = ROOT
) -> subprocess.Popen:
    """``gunicorn -w N`` on 127.0.0.1:``port``; waits (at most 20 s) until it listens."""
    gunicorn = Path(sys.executable).parent / "gunicorn"
    if not gunicorn.exists():
        sys.exit("gunicorn is missing: pip install gunicorn")
    command = [str(gunicorn), "-w", str(workers), "-b", f"127.0.0.1:{port}"]
    command += ["--log-level", "warning", "--chdir", str(chdir), app_spec]
    server = subprocess.Popen(command, env={**os.environ, **env})
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.1):
                return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    sys.exit(f"gunicorn did not start: {app_spec}")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()


def children_of(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (gunicorn's workers), from ``/proc``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def cpu_seconds(pids: Iterable[int]) -> float:
    """User + system CPU seconds used so far by ``pids`` (Linux ``/proc/<pid>/stat``)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
