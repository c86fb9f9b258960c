"""The city's two request mixes (issue 13 item 5), for ``city_load.py``.

* the **anonymous mix**: home, space pages, proposals lists (first pages, deep pages,
  filters), proposals, meetings lists and pages, budgets and their projects;
* the **signed-in mix**: each person (a resident who has not voted yet) views a proposal,
  supports it, registers for a coming meeting, adds a project to a ballot and casts it —
  five requests with a signed session cookie and CSRF token, as a browser sends them.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import city
from common import cookie_for
from sqlalchemy import create_engine, select, text

from pnyx import create_app
from pnyx.accounts.sessions import start_session
from pnyx.db import get_session
from pnyx.models import User
from pnyx_budgets.models import Ballot
from pnyx_proposals.states import supportable_state

Request = tuple[str, str, dict[str, Any] | None, int]  # method, path, form, expected status
#: Signed-in people per run: each casts one ballot, so a run needs one per five requests.
POOL = 5000
WRITTEN = {
    "supports": "proposals_supports",
    "registrations": "meetings_registrations",
    "ballots cast": "budgets_ballots WHERE cast_at IS NOT NULL",
    "mails recorded": "outgoing_mails",
    "mails sent": "outgoing_mails WHERE status = 'sent'",
}


def kind_of(path: str) -> str:
    parts = [p for p in path.split("?")[0].split("/") if p]
    return "/".join(p if not p.isdigit() else "N" for p in parts[:6]) or "/"


def anonymous_requests(data: dict[str, Any], rng: random.Random) -> Callable[[], list[Request]]:
    spaces = data["spaces"]
    slug_of = {s["proposals"]: s["slug"] for s in spaces} | {
        s["meetings"]: s["slug"] for s in spaces
    }
    first = spaces[0]

    def pick() -> list[Request]:
        space = rng.choice(spaces)
        proposals = f"/spaces/{space['slug']}/proposals/{space['proposals']}/"
        meetings = f"/spaces/{space['slug']}/meetings/{space['meetings']}/"
        budgets = f"/spaces/{first['slug']}/budgets/{first['budgets']}/"
        component, proposal = rng.choice(data["proposals"])
        meeting_component, meeting = rng.choice(data["meetings"])
        budget = rng.choice(data["budgets"])
        choices = [
            (10, "/"),
            (10, f"/spaces/{space['slug']}"),
            (15, proposals),
            (5, f"{proposals}?sort=recent&page={rng.randint(2, 40)}"),
            (5, f"{proposals}?territory={rng.choice(data['communes'])}"),
            (15, f"/spaces/{slug_of[component]}/proposals/{component}/{proposal}/"),
            (10, meetings),
            (
                10,
                f"/spaces/{slug_of[meeting_component]}/meetings/{meeting_component}/meetings/{meeting}",
            ),
            (5, budgets),
            (5, f"{budgets}{budget['id']}/"),
            (5, f"{budgets}{budget['id']}/projects/{rng.choice(budget['projects'])}"),
        ]
        path = rng.choices([p for _, p in choices], weights=[w for w, _ in choices])[0]
        return [("GET", path, None, 200)]

    return pick


def signed_in_requests(
    data: dict[str, Any], rng: random.Random, supportable: list[Any]
) -> Callable[[], list[Request]]:
    """``supportable``: the ``(component, proposal)`` pairs a resident may support."""
    spaces = data["spaces"]
    slug_of = {s["proposals"]: s["slug"] for s in spaces} | {
        s["meetings"]: s["slug"] for s in spaces
    }
    first = spaces[0]
    budget = data["budgets"][-1]  # the smallest: its voters are the first people only
    ballot = f"/spaces/{first['slug']}/budgets/{first['budgets']}/{budget['id']}/ballot/"

    def pick() -> list[Request]:
        component, proposal = rng.choice(supportable)
        proposal_page = f"/spaces/{slug_of[component]}/proposals/{component}/{proposal}/"
        meeting_component, meeting = rng.choice(data["coming_meetings"])
        meeting_base = f"/spaces/{slug_of[meeting_component]}/meetings/{meeting_component}/"
        return [
            ("GET", proposal_page, None, 200),
            ("POST", f"{proposal_page}support", {}, 303),
            ("POST", f"{meeting_base}meetings/{meeting}/register", {}, 303),
            ("POST", ballot + "add", {"project_id": rng.choice(budget["projects"])}, 303),
            ("POST", ballot + "checkout", {}, 303),
        ]

    return pick


def signed_in_cookies(url: str, instance: Path, data: dict[str, Any]) -> Any:
    """Session cookies of people who have not voted yet, each with a server-side session
    record made here, as the sign-in form makes one (the cookie alone opens nothing)."""
    app = create_app(city.config(url, instance))
    with app.app_context():
        session = get_session()
        people = session.execute(
            select(User.id, User.session_version)
            .where(User.id.not_in(select(Ballot.voter_id).where(Ballot.voter_id.is_not(None))))
            .order_by(User.id.desc())
            .limit(POOL)
        ).all()
        tokens = [start_session(person.id) for person in people]
        session.commit()
    cookies = [
        cookie_for(app, person.id, token, person.session_version)
        for person, token in zip(people, tokens, strict=True)
    ]
    lock = threading.Lock()
    source = iter(cookies)

    class Cookies:
        def __next__(self) -> tuple[str, str]:
            with lock:
                return next(source)  # StopIteration ends the level: bounded by the pool

    return Cookies()


def supportable_proposals(url: str, data: dict[str, Any]) -> list[Any]:
    """The city's proposals but the rejected ones (supporting those is refused: 403)."""
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, state FROM proposals_proposals"))
        refused = {row.id for row in rows if not supportable_state(row.state)}
    engine.dispose()
    return [pair for pair in data["proposals"] if pair[1] not in refused]


def write_counts(url: str) -> dict[str, int]:
    """Rows the signed-in mix writes (and the mail it sends): compared before and after."""
    engine = create_engine(url)
    with engine.connect() as connection:
        found = {
            name: int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar() or 0)
            for name, table in WRITTEN.items()
        }
    engine.dispose()
    return found
