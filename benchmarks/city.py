"""A city's worth of data in PostgreSQL (issue 13 item 5), loaded by bulk inserts.

30 000 people; 4 published processes, each with a proposals and a meetings component, the
first with a budgets component too; 10 000 proposals with 50 000 supports; 2 000 meetings
(half past, half coming) with 20 000 registrations and 100 published minutes; 3 budgets of
25 projects with 20 000 cast ballots; 190 000 action-log rows; 60 communes and 8 themes.
The schema comes from the migrations (the real indexes), the rows from ``INSERT …
executemany`` in batches (the same path as ``pnyx import``'s write pass), then ``ANALYZE``
and ``pnyx stats rebuild``. ``--scale 0.02`` loads 2 % of it.

    .venv/bin/python benchmarks/city.py [--database-url URL] [--scale 1.0]

Writes what the load client needs (ids, paths) to ``<instance>/city.json``; the instance
folder is ``--instance`` (default ``/tmp/pnyx-city``). The database must be a throwaway local
``*bench*`` one (default ``postgresql+psycopg://postgres@127.0.0.1:5432/city_bench``):
it is dropped and created again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import time
from pathlib import Path
from typing import Any

from city_rows import NOW, action_log, budgets, meetings, people, proposals
from common import recreate_database
from sqlalchemy import text

from pnyx import create_app
from pnyx.counters import rebuild
from pnyx.db import get_session
from pnyx.migrate import upgrade
from pnyx.models import Component, Organization, Space, Step, TaxonomyTerm
from pnyx.statistics.snapshot import refresh_organization_totals

POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/city_bench"
PLUGINS = "proposals,meetings,budgets"
SECRET = "city-benchmark-secret-key-0123456789"
SIZES = {
    "people": 30_000,
    "proposals": 10_000,
    "supports": 50_000,
    "meetings": 2_000,
    "registrations": 20_000,
    "ballots": 20_000,
    "log": 190_000,
}
SPACES, COMMUNES, THEMES = 4, 60, 8


def config(url: str, instance: Path) -> dict[str, Any]:
    return {
        "PLUGINS": PLUGINS,
        "DATABASE_URL": url,
        "INSTANCE_PATH": str(instance),
        "SECRET_KEY": SECRET,
    }


def environment(url: str, instance: Path) -> dict[str, str]:
    """The same configuration for a gunicorn process (``PNYX_*`` variables)."""
    return {f"PNYX_{key}": str(value) for key, value in config(url, instance).items()} | {
        "PNYX_RATELIMIT_ENABLED": "false"
    }


def load(url: str, instance: Path, scale: float, rng: random.Random) -> dict[str, Any]:
    sizes = {name: max(1, int(count * scale)) for name, count in SIZES.items()}
    app = create_app(config(url, instance))
    timings: dict[str, float] = {}
    with app.app_context():
        started = time.perf_counter()
        upgrade(app)
        timings["migrations"] = time.perf_counter() - started
        session = get_session()
        city = structure(session)
        steps = [
            ("people", lambda: people(session, sizes["people"])),
            ("proposals", lambda: proposals(session, city, sizes, rng)),
            ("meetings", lambda: meetings(session, city, sizes, rng)),
            ("budgets", lambda: budgets(session, city, sizes["ballots"], rng)),
            ("action log", lambda: action_log(session, city, sizes["log"], rng)),
        ]
        for name, step in steps:
            started = time.perf_counter()
            step()
            session.commit()
            timings[name] = time.perf_counter() - started
        started = time.perf_counter()
        session.execute(text("ANALYZE"))
        session.commit()
        rebuild(session)
        refresh_organization_totals()
        timings["analyze + stats rebuild"] = time.perf_counter() - started
    city["sizes"], city["timings"] = sizes, timings
    (instance / "city.json").write_text(json.dumps(city, indent=1))
    return city


def structure(session: Any) -> dict[str, Any]:
    """The organization, the territories and themes, the spaces and their components."""
    session.add(Organization(name={"fr": "Ville", "en": "City"}))
    department = TaxonomyTerm(kind="territory", code="37", name={"fr": "Département"})
    session.add(department)
    session.flush()
    communes = [
        TaxonomyTerm(kind="territory", code=f"37{n:03}", name={"fr": f"Commune {n}"})
        for n in range(COMMUNES)
    ]
    for commune in communes:
        commune.parent_id = department.id
    themes = [
        TaxonomyTerm(kind="theme", code=f"theme{n}", name={"fr": f"Thème {n}"}, position=n)
        for n in range(THEMES)
    ]
    session.add_all([*communes, *themes])
    today = NOW.date()
    spaces = []
    for n in range(SPACES):
        space = Space(
            type="process", slug=f"quartier-{n}", title={"fr": f"Quartier {n}"}, published=True
        )
        space.steps.append(
            Step(
                title={"fr": "Participation"},
                active=True,
                start_date=today - dt.timedelta(days=30),
                end_date=today + dt.timedelta(days=60),
                activated_at=NOW,
            )
        )
        kinds = ["proposals", "meetings"] + (["budgets"] if n == 0 else [])
        for weight, kind in enumerate(kinds):
            step = {"votes_enabled": True} if kind == "budgets" else {}
            space.components.append(
                Component(
                    type=kind,
                    name={"fr": kind.capitalize()},
                    published=True,
                    weight=weight,
                    settings={"global": {}, "default_step": step, "steps": {}},
                )
            )
        spaces.append(space)
    session.add_all(spaces)
    session.commit()
    return {
        "communes": [c.id for c in communes],
        "themes": [t.id for t in themes],
        "spaces": [
            {"slug": s.slug, "id": s.id, **{c.type: c.id for c in s.components}} for s in spaces
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("PNYX_BENCH_POSTGRES_URL", POSTGRES_URL)
    )
    parser.add_argument("--instance", default="/tmp/pnyx-city", help="instance folder")
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the city")
    args = parser.parse_args()
    instance = Path(args.instance)
    instance.mkdir(parents=True, exist_ok=True)
    recreate_database(args.database_url)
    started = time.perf_counter()
    city = load(args.database_url, instance, min(args.scale, 1.0), random.Random(13))
    print(f"loaded in {time.perf_counter() - started:.1f} s: {city['sizes']}")
    for name, seconds in city["timings"].items():
        print(f"  {name}: {seconds:.1f} s")


if __name__ == "__main__":
    main()
