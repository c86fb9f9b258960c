"""Bulk import throughput: ``pnyx import people`` and ``pnyx import proposals:proposals``.

Writes a people file (default 30 000 rows: a third with a birth date, half with a
territory, a few with roles) and a proposals file (default 10 000 rows, each with a
territory and one or two themes), then imports them into a fresh database, in one
process, the way ``pnyx import`` does (check every row, then write in batches of 1 000,
one transaction). Prints the rows per second of each pass and the process's peak memory,
then imports the same files again (everything skipped: idempotent).

    .venv/bin/python benchmarks/imports.py --database sqlite
    .venv/bin/python benchmarks/imports.py --database postgresql --people 100000

PostgreSQL: a throwaway database ``pnyx_import_bench_<random>`` is created on
``PNYX_BENCH_POSTGRES_SERVER`` (default ``postgresql+psycopg://postgres@127.0.0.1:5432``)
and dropped at the end. Everything stays on localhost.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import secrets
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text

from pnyx import create_app
from pnyx.db import get_database, get_session
from pnyx.importing import ImportContext
from pnyx.importing.people import PEOPLE
from pnyx.importing.runner import run_import
from pnyx.migrate import upgrade
from pnyx.models import Component, Space, TaxonomyTerm

SERVER = os.environ.get(
    "PNYX_BENCH_POSTGRES_SERVER", "postgresql+psycopg://postgres@127.0.0.1:5432"
)
COMMUNES = 60
THEMES = ("mobility", "nature", "housing", "culture", "sport", "youth", "health", "economy")


def write_people(path: Path, count: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(["external_id", "email", "name", "locale", "birth_date", "territory", "roles"])
        for n in range(count):
            out.writerow(
                [
                    f"CITY-{n:07d}",
                    f"resident{n}@city.example",
                    f"Resident {n}",
                    ("fr", "en", "")[n % 3],
                    f"{1940 + n % 65}-{1 + n % 12:02d}-{1 + n % 28:02d}" if n % 3 == 0 else "",
                    f"C{n % COMMUNES:03d}" if n % 2 == 0 else "",
                    "moderator" if n % 5000 == 0 else "",
                ]
            )


def write_proposals(path: Path, count: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["external_id", "title", "body", "territory", "themes"])
        for n in range(count):
            themes = "|".join({THEMES[n % 8], THEMES[(n * 7) % 8]})
            body = f"Proposal {n}: " + "a few sentences about what should change. " * 6
            out.writerow([f"P{n:06d}", f"Proposal {n}", body, f"C{n % COMMUNES:03d}", themes])


def peak_memory_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def database(kind: str, folder: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'bench.sqlite3'}"
        return
    name = f"pnyx_import_bench_{secrets.token_hex(4)}"
    admin = create_engine(f"{SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{SERVER}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def seed_terms_and_component(app) -> int:
    with app.app_context():
        session = get_session()
        session.add_all(
            TaxonomyTerm(kind="territory", code=f"C{n:03d}", name={"fr": f"Commune {n}"})
            for n in range(COMMUNES)
        )
        session.add_all(TaxonomyTerm(kind="theme", code=code, name={"fr": code}) for code in THEMES)
        space = Space(type="process", slug="bench", title={"fr": "Bench"}, published=True)
        component = Component(space=space, type="proposals", name={"fr": "Propositions"})
        session.add_all([space, component])
        session.commit()
        return component.id


def timed_import(app, importer, path: Path, component_id: int | None) -> tuple[object, dict]:
    phases: dict[str, float] = {}
    with app.app_context():
        session = get_session()
        component = session.get(Component, component_id) if component_id else None
        context = ImportContext(session=session, component=component, options={"invite": False})
        start = time.perf_counter()
        result = run_import(
            context,
            importer,
            path,
            on_checked=lambda _r: phases.setdefault("check", time.perf_counter() - start),
        )
        phases["write"] = time.perf_counter() - start - phases["check"]
    return result, phases


def report(label: str, result, phases: dict[str, float]) -> None:
    rows = result.rows
    print(
        f"{label:<32} {rows:>7} rows  check {rows / phases['check']:>8.0f} rows/s  "
        f"write {rows / phases['write']:>8.0f} rows/s  "
        f"all {rows / (phases['check'] + phases['write']):>7.0f} rows/s  "
        f"created {result.created:>7}  skipped {result.unchanged:>7}  "
        f"peak {peak_memory_mib():.0f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--proposals", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        people_csv, proposals_csv = folder / "people.csv", folder / "proposals.csv"
        write_people(people_csv, args.people)
        write_proposals(proposals_csv, args.proposals)
        with database(args.database, folder) as url:
            app = create_app(
                {"INSTANCE_PATH": str(folder), "DATABASE_URL": url, "PLUGINS": "proposals"}
            )
            upgrade(app)
            component_id = seed_terms_and_component(app)
            proposals = app.extensions["pnyx.plugins"].registry.importers["proposals:proposals"]
            print(
                f"{args.database}, Python {sys.version.split()[0]}, after loading: "
                f"{peak_memory_mib():.0f} MiB"
            )
            for label, importer, path, target in (
                ("people", PEOPLE, people_csv, None),
                ("proposals:proposals", proposals, proposals_csv, component_id),
                ("people (again: all skipped)", PEOPLE, people_csv, None),
                ("proposals (again: all skipped)", proposals, proposals_csv, component_id),
            ):
                report(label, *timed_import(app, importer, path, target))
            get_database(app).engine.dispose()


if __name__ == "__main__":
    main()
