"""The action-log export at city scale: the job's time and the download's first byte.

Loads N action-log rows (default 190 000, issue 13's city) by 30 000 people over 4
spaces and 40 components into a fresh PostgreSQL database (schema from the models),
then runs the export job (``pnyx.admin.exports.build_export``) as a worker would and
times it, and downloads the file through the WSGI app, timing the first byte and the
whole body. Prints the machine's load average: on a shared machine other processes
slow the Python part down.

    .venv/bin/python benchmarks/action_log_export.py
    .venv/bin/python benchmarks/action_log_export.py --rows 20000

PostgreSQL: ``PNYX_BENCH_POSTGRES_URL`` (default
``postgresql+psycopg://postgres@127.0.0.1:5432/jobs_bench``); a throwaway local
database whose tables are all dropped. Nothing leaves localhost.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from common import recreate_database
from sqlalchemy import insert, select, text

from pnyx import create_app
from pnyx.admin.exports import build_export, export_path
from pnyx.db import get_database, get_session
from pnyx.jobs.runner import Job, execute
from pnyx.models import (
    ActionLog,
    AdminExport,
    Component,
    Model,
    Organization,
    Space,
    User,
    UserOrganizationRole,
    utcnow,
)
from pnyx.testing.client import PnyxClient, sign_in

POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/jobs_bench"
PEOPLE, SPACES, COMPONENTS = 30_000, 4, 40
ACTIONS = ("proposals.supported", "meetings.registered", "budgets.voted", "pnyx.account.signed_in")


wipe = recreate_database


def load(app: Any, rows: int, rng: random.Random) -> int:
    engine = get_database(app).engine
    Model.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(insert(Organization), [{"name": {"fr": "Ville"}}])
        connection.execute(
            insert(User),
            [
                {"name": f"Personne {i}", "email": f"p{i}@example.org", "confirmed_at": utcnow()}
                for i in range(PEOPLE)
            ],
        )
        connection.execute(
            insert(Space),
            [
                {"type": "process", "slug": f"espace-{i}", "title": {"fr": f"Espace {i}"}}
                for i in range(SPACES)
            ],
        )
        connection.execute(
            insert(Component),
            [
                {"space_id": 1 + i % SPACES, "type": "hello", "name": {"fr": f"Composant {i}"}}
                for i in range(COMPONENTS)
            ],
        )
        admin_id = connection.execute(select(User.id).limit(1)).scalar_one()
        connection.execute(insert(UserOrganizationRole), [{"user_id": admin_id, "role": "admin"}])
        batch: list[dict[str, Any]] = []
        for i in range(rows):
            component = rng.randrange(COMPONENTS)
            batch.append(
                {
                    "action": rng.choice(ACTIONS),
                    "actor_id": 1 + rng.randrange(PEOPLE),
                    "space_id": 1 + component % SPACES,
                    "component_id": 1 + component,
                    "resource_type": "proposal",
                    "resource_id": rng.randrange(10_000),
                    "visibility": "admin",
                    "extra": {"n": i},
                }
            )
            if len(batch) == 10_000:
                connection.execute(insert(ActionLog), batch)
                batch.clear()
        if batch:
            connection.execute(insert(ActionLog), batch)
        connection.execute(text("ANALYZE"))
    return admin_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=190_000)
    parser.add_argument("--reuse", action="store_true", help="keep the loaded database")
    args = parser.parse_args()
    url = os.environ.get("PNYX_BENCH_POSTGRES_URL", POSTGRES_URL)
    if not args.reuse:
        wipe(url)
    instance = Path(tempfile.mkdtemp(prefix="pnyx-bench-"))
    app = create_app(
        {"DATABASE_URL": url, "INSTANCE_PATH": str(instance), "SECRET_KEY": "benchmark"}
    )
    started = time.perf_counter()
    if args.reuse:
        with get_database(app).engine.begin() as connection:
            connection.execute(text("DELETE FROM admin_exports"))
            admin_id = connection.execute(select(User.id).order_by(User.id).limit(1)).scalar_one()
    else:
        admin_id = load(app, args.rows, random.Random(13))
        print(f"loaded {args.rows} rows in {time.perf_counter() - started:.1f} s")

    with app.test_request_context():
        session = get_session()
        export = AdminExport(
            token="bench",
            kind="action_log",
            requested_by_id=admin_id,
            parameters={},
            locale="fr",
            expires_at=utcnow().replace(year=utcnow().year + 1),
        )
        session.add(export)
        session.commit()
        export_id = export.id
    started = time.perf_counter()
    cpu = time.process_time()
    # What a worker runs (its own contexts; the ready mail goes to the outbox folder).
    execute(app, Job.of(build_export, (export_id,), {}))
    job_seconds, job_cpu = time.perf_counter() - started, time.process_time() - cpu
    with app.app_context():
        export = get_session().get(AdminExport, export_id)
        size = export_path(export).stat().st_size
        print(f"export job: {export.rows} rows, {size / 1e6:.1f} MB in {job_seconds:.1f} s")
        print(f"  (CPU {job_cpu:.1f} s; status {export.status})")

    app.test_client_class = PnyxClient
    client = app.test_client()
    sign_in(client, admin_id)
    started = time.perf_counter()
    response = client.get("/admin/exports/bench", buffered=False)
    chunks = iter(response.response)
    first = next(chunks, b"")
    first_byte = time.perf_counter() - started
    total = len(first) + sum(len(chunk) for chunk in chunks)
    whole = time.perf_counter() - started
    print(f"download: status {response.status_code}, first byte {first_byte * 1000:.1f} ms,")
    print(f"  {total / 1e6:.1f} MB in {whole:.2f} s")
    print(f"load average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
