"""The surveys export at Decidim's breaking point: 250 000 answers, time and peak memory.

Loads one survey (the demo's parking consultation shape: multiple choice, scale, single
choice, ranking, long text) and N answer rows (default 250 000, about five per answer set)
into a fresh database (schema from the models), then downloads ``export.csv`` and
``export.json`` through the WSGI app as an organization admin, reading the streamed body
chunk by chunk. Reports the time to the first byte and to the last, the file size, and the
peak memory **of the export alone** (``tracemalloc``: Python allocations between the request
and the last byte) and the process's resident memory before and after (``ru_maxrss``
includes the loading). The machine is shared: the load average is printed.

    .venv/bin/python benchmarks/surveys_export.py                      # SQLite file
    .venv/bin/python benchmarks/surveys_export.py --postgres            # PNYX_BENCH_POSTGRES_URL
    .venv/bin/python benchmarks/surveys_export.py --answers 20000
    .venv/bin/python benchmarks/surveys_export.py --no-trace             # times without tracemalloc

PostgreSQL: ``PNYX_BENCH_POSTGRES_URL`` (default
``postgresql+psycopg://postgres@127.0.0.1:5432/surveys_bench``), a throwaway local database
whose tables are all dropped. Nothing leaves localhost.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from common import recreate_database
from sqlalchemy import insert, text

from pnyx import create_app
from pnyx.db import get_database
from pnyx.models import Component, Model, Organization, Space, User, UserOrganizationRole, utcnow
from pnyx.testing.client import PnyxClient, sign_in
from pnyx_surveys.models import (
    COMPONENT_OWNER,
    Answer,
    Choice,
    Question,
    Questionnaire,
    Section,
    Submission,
)

POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/surveys_bench"
#: (kind, choices, options) of the five questions, as in the demo consultation.
QUESTIONS = (
    ("multiple_choice", 4, {"other": True}),
    ("scale", 0, {"scale": 5}),
    ("single_choice", 3, {}),
    ("ranking", 3, {}),
    ("long_text", 0, {}),
)
TEXT = "Un parking relais près du tram changerait tout pour moi, et plus d’arceaux vélo. "


wipe = recreate_database


def load(app: Any, answers: int, rng: random.Random) -> tuple[int, str]:
    """The survey and its answers, inserted in batches; returns (admin id, export URL)."""
    engine = get_database(app).engine
    Model.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(insert(Organization), [{"name": {"fr": "Angers"}}])
        connection.execute(
            insert(User), [{"name": "Admin", "email": "a@example.org", "confirmed_at": utcnow()}]
        )
        connection.execute(insert(UserOrganizationRole), [{"user_id": 1, "role": "admin"}])
        connection.execute(
            insert(Space),
            [{"type": "process", "slug": "angers", "title": {"fr": "Angers"}, "published": True}],
        )
        connection.execute(
            insert(Component),
            [
                {
                    "space_id": 1,
                    "type": "surveys",
                    "name": {"fr": "Stationnement"},
                    "published": True,
                }
            ],
        )
        connection.execute(
            insert(Questionnaire),
            [
                {
                    "component_id": 1,
                    "owner_type": COMPONENT_OWNER,
                    "owner_id": 1,
                    "title": {"fr": "Stationnement"},
                    "description": {},
                    "updated_at": utcnow(),
                }
            ],
        )
        connection.execute(
            insert(Section),
            [{"questionnaire_id": 1, "position": 0, "title": {}, "description": {}}],
        )
        choices: dict[int, list[int]] = {}
        next_choice = 1
        for number, (kind, count, options) in enumerate(QUESTIONS, start=1):
            connection.execute(
                insert(Question),
                [
                    {
                        "questionnaire_id": 1,
                        "section_id": 1,
                        "position": number,
                        "kind": kind,
                        "text": {"fr": f"Question {number}"},
                        "help": {},
                        "mandatory": False,
                        "options": options,
                    }
                ],
            )
            if count:
                connection.execute(
                    insert(Choice),
                    [
                        {
                            "question_id": number,
                            "role": "choice",
                            "position": i,
                            "label": {"fr": f"Choix {i}"},
                        }
                        for i in range(count)
                    ],
                )
            choices[number] = list(range(next_choice, next_choice + count))
            next_choice += count
        submissions, inserted = 0, 0
        batch: list[dict[str, Any]] = []
        sets: list[dict[str, Any]] = []
        while inserted + len(batch) < answers:
            submissions += 1
            now = utcnow()
            sets.append(
                {
                    "id": submissions,
                    "questionnaire_id": 1,
                    "anonymous_key": f"k{submissions}",
                    "created_at": now,
                    "updated_at": now,
                }
            )
            batch += _answer_set(submissions, choices, rng)
            if len(batch) >= 20_000:
                connection.execute(insert(Submission), sets)
                connection.execute(insert(Answer), batch)
                inserted += len(batch)
                sets, batch = [], []
        if sets:
            connection.execute(insert(Submission), sets)
            connection.execute(insert(Answer), batch)
        if engine.dialect.name == "postgresql":
            connection.execute(text("ANALYZE"))
    return 1, "/admin/spaces/angers/surveys/1/export"


def _answer_set(submission: int, choices: dict[int, list[int]], rng: random.Random) -> list[dict]:
    rows: list[dict[str, Any]] = []

    def add(question: int, **values: Any) -> None:
        # Every row names every column: one executemany for the whole batch.
        row = dict.fromkeys(("choice_id", "row_id", "rank", "text", "number", "date"))
        rows.append(
            {
                **row,
                "submission_id": submission,
                "question_id": question,
                "published": False,
                **values,
            }
        )

    for choice in rng.sample(choices[1], rng.randint(1, 2)):
        add(1, choice_id=choice)
    add(2, number=rng.randint(1, 5))
    add(3, choice_id=rng.choice(choices[3]))
    if rng.random() < 0.5:
        order = list(choices[4])
        rng.shuffle(order)
        for rank, choice in enumerate(order, start=1):
            add(4, choice_id=choice, rank=rank)
    if rng.random() < 0.3:
        add(5, text=TEXT)
    return rows


def measure(client: PnyxClient, url: str, trace: bool) -> dict[str, float]:
    if trace:  # tracemalloc slows Python down two to three times: times come from --no-trace
        tracemalloc.start()
    started, cpu = time.perf_counter(), time.process_time()
    response = client.get(url, buffered=False)
    chunks = iter(response.response)
    first = next(chunks, b"")
    first_byte = time.perf_counter() - started
    size = len(first) + sum(len(chunk) for chunk in chunks)
    response.close()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    _, peak = tracemalloc.get_traced_memory() if trace else (0, 0)
    tracemalloc.stop()
    assert response.status_code == 200, response.status_code
    return {
        "first_byte_ms": first_byte * 1000,
        "seconds": seconds,
        "cpu": cpu,
        "mb": size / 1e6,
        "peak_mb": peak / 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--answers", type=int, default=250_000)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--no-trace", action="store_true", help="time only (no tracemalloc)")
    args = parser.parse_args()
    instance = Path(tempfile.mkdtemp(prefix="pnyx-bench-"))
    if args.postgres:
        url = os.environ.get("PNYX_BENCH_POSTGRES_URL", POSTGRES_URL)
        wipe(url)
    else:
        url = f"sqlite:///{instance / 'bench.db'}"
    app = create_app(
        {
            "DATABASE_URL": url,
            "INSTANCE_PATH": str(instance),
            "SECRET_KEY": "benchmark",
            "PLUGINS": "surveys",
        }
    )
    started = time.perf_counter()
    admin_id, base = load(app, args.answers, random.Random(15))
    with get_database(app).engine.connect() as connection:
        counted = connection.execute(text("SELECT count(*) FROM surveys_answers")).scalar()
        people = connection.execute(text("SELECT count(*) FROM surveys_submissions")).scalar()
    print(
        f"{app.config['DATABASE_URL'].split(':')[0]}: loaded {counted} answers "
        f"({people} answer sets) in {time.perf_counter() - started:.1f} s"
    )
    app.test_client_class = PnyxClient
    client = app.test_client()
    sign_in(client, admin_id)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for fmt in ("csv", "json"):
        found = measure(client, f"{base}.{fmt}", trace=not args.no_trace)
        print(
            f"export.{fmt}: {found['mb']:.1f} MB in {found['seconds']:.1f} s "
            f"(CPU {found['cpu']:.1f} s), first byte "
            f"{found['first_byte_ms']:.0f} ms, peak Python memory {found['peak_mb']:.1f} MB"
        )
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"max resident memory: {rss_before:.0f} MB after loading, {rss_after:.0f} MB after "
        f"the exports; load average {os.getloadavg()}"
    )


if __name__ == "__main__":
    main()
