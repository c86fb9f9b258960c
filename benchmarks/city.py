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

from common import ids_of, insert_rows, recreate_database
from sqlalchemy import text

from pnyx import create_app
from pnyx.counters import rebuild
from pnyx.db import get_session
from pnyx.migrate import upgrade
from pnyx.models import ActionLog, Component, Organization, Space, Step, TaxonomyTerm, User
from pnyx.statistics.snapshot import refresh_organization_totals
from pnyx_budgets.models import CAST, Ballot, BallotItem, Budget, Project, Voter
from pnyx_budgets.receipts import new_code
from pnyx_meetings.models import Meeting, Minutes, Registration
from pnyx_proposals.models import Proposal, Support, proposal_themes

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
SPACES, COMMUNES, THEMES, PROJECTS = 4, 60, 8, 25
WORDS = ("vélo", "jardin", "école", "parc", "bus", "marché", "banc", "arbre")
NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)


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


def people(session: Any, count: int) -> None:
    insert_rows(
        session,
        User,
        (
            {"name": f"Personne {n}", "email": f"p{n}@city.test", "confirmed_at": NOW}
            for n in range(count)
        ),
    )


def proposals(
    session: Any, city: dict[str, Any], sizes: dict[str, int], rng: random.Random
) -> None:
    users = ids_of(session, "users")
    components = [(s["proposals"], s["slug"]) for s in city["spaces"]]
    rows = []
    for n in range(sizes["proposals"]):
        words = " ".join(rng.choice(WORDS) for _ in range(3))
        state = rng.choice(["not_answered"] * 6 + ["evaluating", "accepted", "rejected"])
        published = NOW - dt.timedelta(minutes=7 * n)
        rows.append(
            {
                "component_id": components[n % len(components)][0],
                "author_id": rng.choice(users),
                "title": f"Proposition {n} : {words}",
                "body": f"Un texte pour {words}. " * 8,
                "summary": f"Un texte pour {words}.",
                "territory_id": rng.choice(city["communes"]),
                "state": state,
                "answer_state": None if state == "not_answered" else state,
                "created_at": published,
                "updated_at": published,
                "published_at": published,
                "supports_count": 0,
                "answer_text": {},
            }
        )
    insert_rows(session, Proposal, rows)
    found = session.execute(text("SELECT id, component_id FROM proposals_proposals")).all()
    links = {(pid, rng.choice(city["themes"])) for pid, _ in found for _ in range(2)}
    insert_rows(session, proposal_themes, ({"proposal_id": p, "term_id": t} for p, t in links))
    supports: set[tuple[int, int, int]] = set()
    while len(supports) < sizes["supports"]:
        pid, component_id = rng.choice(found)
        supports.add((pid, component_id, rng.choice(users)))
    insert_rows(
        session,
        Support,
        (
            {"proposal_id": p, "component_id": c, "user_id": u, "counted": True, "created_at": NOW}
            for p, c, u in supports
        ),
    )
    session.execute(
        text(
            "UPDATE proposals_proposals SET supports_count = counted.n FROM "
            "(SELECT proposal_id, count(*) AS n FROM proposals_supports GROUP BY proposal_id) "
            "AS counted WHERE counted.proposal_id = proposals_proposals.id"
        )
    )
    city["proposals"] = [[c, p] for p, c in found[:: max(1, len(found) // 500)]]


def meetings(session: Any, city: dict[str, Any], sizes: dict[str, int], rng: random.Random) -> None:
    users = ids_of(session, "users")
    components = [s["meetings"] for s in city["spaces"]]
    rows = []
    for n in range(sizes["meetings"]):
        start = NOW + dt.timedelta(hours=(n - sizes["meetings"] // 2) * 4)
        rows.append(
            {
                "component_id": components[n % len(components)],
                "title": {"fr": f"Réunion {n}"},
                "description": {"fr": "Ordre du jour : " + " ".join(rng.choices(WORDS, k=30))},
                "start_at": start,
                "end_at": start + dt.timedelta(hours=2),
                "location": {"fr": f"Salle {n % 40}"},
                "address": f"{n % 90} rue de la Mairie",
                "territory_id": rng.choice(city["communes"]),
                "registrations_enabled": True,
                "capacity": 0 if n % 3 else 200,
            }
        )
    insert_rows(session, Meeting, rows)
    found = session.execute(
        text("SELECT id, component_id, start_at FROM meetings_meetings ORDER BY id")
    ).all()
    past = [m for m in found if m.start_at < NOW]
    insert_rows(
        session,
        Minutes,
        (
            {
                "meeting_id": m.id,
                "text": {"fr": "## Compte rendu\n\n" + " ".join(rng.choices(WORDS, k=200))},
                "attendees_count": rng.randint(5, 80),
                "contributions_count": rng.randint(0, 30),
                "published": True,
                "closed_at": m.start_at + dt.timedelta(hours=3),
            }
            for m in past[-100:]
        ),
    )
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < sizes["registrations"]:
        pairs.add((rng.choice(found).id, rng.choice(users)))
    insert_rows(
        session,
        Registration,
        (
            {"meeting_id": m, "user_id": u, "code": f"{n:08d}", "created_at": NOW}
            for n, (m, u) in enumerate(pairs)
        ),
    )
    coming = [m for m in found if m.start_at > NOW]
    city["meetings"] = [[m.component_id, m.id] for m in found[:: max(1, len(found) // 300)]]
    city["coming_meetings"] = [[m.component_id, m.id] for m in coming[:300]]


def budgets(session: Any, city: dict[str, Any], ballots: int, rng: random.Random) -> None:
    users = ids_of(session, "users")
    component_id = city["spaces"][0]["budgets"]
    cost, limit = 50_000_00, 200_000_00
    shares = [0.5, 0.3, 0.2]
    city["budgets"] = []
    voter_ids: set[int] = set()
    for number, share in enumerate(shares):
        budget = Budget(
            component_id=component_id,
            position=number,
            title={"fr": f"Budget {number}"},
            amount=limit * 10,
            max_total=limit,
        )
        session.add(budget)
        session.flush()
        insert_rows(
            session,
            Project,
            (
                {
                    "budget_id": budget.id,
                    "title": {"fr": f"Projet {number}-{n}"},
                    "description": {"fr": " ".join(rng.choices(WORDS, k=60))},
                    "cost": cost,
                    "position": n,
                    "territory_id": rng.choice(city["communes"]),
                }
                for n in range(PROJECTS)
            ),
        )
        projects = list(
            session.scalars(
                text("SELECT id FROM budgets_projects WHERE budget_id = :b ORDER BY id"),
                {"b": budget.id},
            )
        )
        voters = users[: int(ballots * share)]
        voter_ids.update(voters)
        insert_rows(
            session,
            Ballot,
            (
                {
                    "budget_id": budget.id,
                    "voter_id": voter,
                    "status": CAST,
                    "receipt_code": new_code(),
                    "cast_at": NOW,
                }
                for voter in voters
            ),
        )
        cast = list(
            session.scalars(
                text("SELECT id FROM budgets_ballots WHERE budget_id = :b ORDER BY id"),
                {"b": budget.id},
            )
        )
        insert_rows(
            session,
            BallotItem,
            (
                {"ballot_id": ballot, "project_id": project, "points": 1, "position": k}
                for ballot in cast
                for k, project in enumerate(rng.sample(projects, rng.randint(1, 4)))
            ),
        )
        city["budgets"].append({"id": budget.id, "projects": projects})
    insert_rows(
        session, Voter, ({"component_id": component_id, "user_id": u} for u in sorted(voter_ids))
    )


def action_log(session: Any, city: dict[str, Any], count: int, rng: random.Random) -> None:
    users = ids_of(session, "users")
    components = [
        (s["id"], s[kind], kind)
        for s in city["spaces"]
        for kind in ("proposals", "meetings", "budgets")
        if kind in s
    ]
    actions = {
        "proposals": ("proposals.supported", "proposals.created"),
        "meetings": ("meetings.registered",),
        "budgets": ("budgets.voted",),
    }
    insert_rows(
        session,
        ActionLog,
        (
            {
                "action": rng.choice(actions[kind]),
                "actor_id": rng.choice(users),
                "space_id": space_id,
                "component_id": component_id,
                "resource_type": kind,
                "resource_id": rng.randrange(10_000),
                "visibility": "admin",
                "extra": {},
                "created_at": NOW - dt.timedelta(seconds=count - n),
            }
            for n, (space_id, component_id, kind) in enumerate(
                rng.choice(components) for _ in range(count)
            )
        ),
        batch=10_000,
    )


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
