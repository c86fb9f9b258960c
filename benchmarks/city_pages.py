"""Server time, SQL time and statements of each anonymous page of the city (issue 13 goal:
no page's SQL time grows more than 1.5× between 2 % of the data and the full city).

Requests each page of ``benchmarks/city.py``'s city through the WSGI app (no network) after a
warm-up, and prints the median server time, the median time waiting for PostgreSQL and the
statements run. Load the city twice (``--scale 0.02`` into another database) to compare.

    .venv/bin/python benchmarks/city_pages.py --instance /tmp/pnyx-city --requests 10
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
from pathlib import Path
from typing import Any

import city
from common import measure_get

from pnyx import create_app
from pnyx.testing.client import PnyxClient


def pages(data: dict[str, Any]) -> dict[str, str]:
    first = data["spaces"][0]
    slug = first["slug"]
    slug_of = {s["proposals"]: s["slug"] for s in data["spaces"]} | {
        s["meetings"]: s["slug"] for s in data["spaces"]
    }
    component, proposal = data["proposals"][len(data["proposals"]) // 2]
    meetings_component, meeting = data["meetings"][len(data["meetings"]) // 2]
    budget = data["budgets"][0]
    proposals = f"/spaces/{slug}/proposals/{first['proposals']}/"
    budgets = f"/spaces/{slug}/budgets/{first['budgets']}/"
    return {
        "home": "/",
        "space": f"/spaces/{slug}",
        "proposals list": proposals,
        "proposals, newest, page 30": f"{proposals}?sort=recent&page=30",
        "proposals of a commune": f"{proposals}?territory={data['communes'][4]}",
        "a proposal": f"/spaces/{slug_of[component]}/proposals/{component}/{proposal}/",
        "meetings list": f"/spaces/{slug}/meetings/{first['meetings']}/",
        "a meeting": (
            f"/spaces/{slug_of[meetings_component]}/meetings/{meetings_component}"
            f"/meetings/{meeting}"
        ),
        "budgets": budgets,
        "a budget": f"{budgets}{budget['id']}/",
        "a project": f"{budgets}{budget['id']}/projects/{budget['projects'][0]}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("PNYX_BENCH_POSTGRES_URL", city.POSTGRES_URL)
    )
    parser.add_argument("--instance", default="/tmp/pnyx-city")
    parser.add_argument("--requests", type=int, default=10)
    args = parser.parse_args()
    instance = Path(args.instance)
    data = json.loads((instance / "city.json").read_text())
    app = create_app(city.config(args.database_url, instance))
    app.test_client_class = PnyxClient
    print(f"{data['sizes']}; load average {os.getloadavg()[0]:.1f}")
    print(f"{'page':30} {'p50 ms':>8} {'SQL ms':>8} {'statements':>10}")
    for name, path in pages(data).items():
        found = measure_get(app, path, min(args.requests, 200), None)
        total, sql = statistics.median(found["total"]), statistics.median(found["sql"])
        counts = ",".join(str(n) for n in sorted(found["queries"]))
        print(f"{name:30} {total:8.1f} {sql:8.1f} {counts:>10}")


if __name__ == "__main__":
    main()
