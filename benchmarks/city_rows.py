"""The city benchmark's rows, table by table, written in bulk (``benchmarks/city.py`` loads
them in this order after the migrations)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from common import ids_of, insert_rows
from sqlalchemy import text

from pnyx.models import ActionLog, User
from pnyx_budgets.models import CAST, Ballot, BallotItem, Budget, Project, Voter
from pnyx_budgets.receipts import new_code
from pnyx_meetings.models import Meeting, Minutes, Registration
from pnyx_proposals.models import Proposal, Support, proposal_themes

WORDS = ("vélo", "jardin", "école", "parc", "bus", "marché", "banc", "arbre")
#: Projects per budget.
PROJECTS = 25
NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)


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
