"""Outcome certificates: real outcomes verify, tampered ones do not."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from pnyx_budgets.outcomes.certificate import (
    ballots_digest,
    build_certificate,
    verify_certificate,
)
from pnyx_budgets.outcomes.model import Election
from pnyx_budgets.outcomes.pabulib import parse_pb, read_pb, write_pb
from pnyx_budgets.outcomes.registry import compute_outcome

DATA = Path(__file__).parent / "data"
Loader = Callable[[str], Election]


@pytest.fixture(scope="module")
def pb() -> Callable[[str], Election]:
    """``pb("Poland_Swiecie_2023.pb")``: a test data file, parsed once per module."""
    return cache(lambda name: read_pb(DATA / name))


_published: dict[tuple[str, str], str] = {}


def cert(pb: Loader, name: str, rule: str) -> dict[str, Any]:
    """A fresh copy of the certificate, from its JSON text (what a city would publish)."""
    if (name, rule) not in _published:
        election = pb(name)
        certificate = build_certificate(compute_outcome(election, rule), election)
        _published[name, rule] = json.dumps(certificate)
    return json.loads(_published[name, rule])


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("Poland_Swiecie_2023.pb", "mes-add1"),
        ("Netherlands_Assen_2024.pb", "mes-add1"),
        ("Netherlands_Assen_2024.pb", "mes"),
        ("Poland_Wieliczka_2023_Green_Budget.pb", "mes-add1"),
        ("Poland_Krakow_2020.pb.gz", "greedy"),
        ("France_Toulouse_2019.pb", "greedy-no-skip"),
        ("Poland_Warszawa_2026.pb.gz", "greedy-threshold"),
    ],
)
def test_real_outcomes_verify(pb: Loader, name: str, rule: str) -> None:
    # Assen's META rule is equalshares/add1 and Toulouse's greedy: other rules need any_rule
    assert verify_certificate(cert(pb, name, rule), pb(name), any_rule=True) == []


def test_certificate_content(pb: Loader) -> None:
    data = cert(pb, "Poland_Swiecie_2023.pb", "mes-add1")
    assert data["rule"] == "mes-add1" and data["version"] == 2
    assert data["parameters"]["endowment"] == "662"
    assert data["ballots_digest"] == ballots_digest(pb("Poland_Swiecie_2023.pb"))
    first = data["rounds"][0]
    assert set(first) == {"project", "price", "full_payers", "partial_payments"}
    assert data["witness"]["parameters"]["endowment"] == "663"


def test_digest_ignores_voter_ids_and_order_but_not_votes(pb: Loader) -> None:
    election = pb("Netherlands_Assen_2024.pb")
    renamed = parse_pb(write_pb(election).replace("vote0", "anon0"))
    shuffled = Election(election.meta, election.projects, election.ballots[::-1])
    assert ballots_digest(renamed) == ballots_digest(shuffled) == ballots_digest(election)
    fewer = Election(election.meta, election.projects, election.ballots[1:])
    assert ballots_digest(fewer) != ballots_digest(election)


def tampered(data: dict[str, Any], change: str, election: Election) -> dict[str, Any]:
    data = copy.deepcopy(data)
    rounds = data["rounds"]
    if change == "swap-winner":
        rounds[0]["project"], rounds[1]["project"] = rounds[1]["project"], rounds[0]["project"]
        data["winners"] = [r["project"] for r in rounds]
    elif change == "price":
        rounds[2]["price"] = str(Fraction(rounds[2]["price"]) * Fraction(101, 100))
    elif change == "payers":
        rounds[0]["full_payers"] += 1
    elif change == "drop-last":
        dropped = rounds.pop()
        data["winners"].remove(dropped["project"])
        data["total_cost"] -= election.projects[dropped["project"]].cost
    elif change == "endowment":
        data["parameters"]["endowment"] = "661"
    elif change == "witness":
        data["witness"]["total_cost"] = 1
    elif change == "budget":
        data["parameters"]["budget"] = "1070001"
    return data


@pytest.mark.parametrize(
    "change", ["swap-winner", "price", "payers", "drop-last", "endowment", "witness", "budget"]
)
def test_tampered_mes_certificate_fails(pb: Loader, change: str) -> None:
    election = pb("Poland_Swiecie_2023.pb")
    data = tampered(cert(pb, "Poland_Swiecie_2023.pb", "mes-add1"), change, election)
    problems = verify_certificate(data, election)
    assert problems, change


def test_tampered_greedy_certificate_fails(pb: Loader) -> None:
    data = cert(pb, "Poland_Krakow_2020.pb.gz", "greedy")
    election = pb("Poland_Krakow_2020.pb.gz")
    swapped = copy.deepcopy(data)
    swapped["rounds"][0], swapped["rounds"][1] = swapped["rounds"][1], swapped["rounds"][0]
    assert "decreasing score order" in " ".join(verify_certificate(swapped, election))
    extra = copy.deepcopy(data)
    skipped = next(s for s in extra["rounds"] if s["decision"] == "skipped")
    skipped["decision"] = "selected"
    assert verify_certificate(extra, election)


def test_certificate_for_other_ballots_fails(pb: Loader) -> None:
    data = cert(pb, "Netherlands_Assen_2024.pb", "mes-add1")
    problems = verify_certificate(data, pb("Poland_Swiecie_2023.pb"))
    assert any("digest" in p for p in problems)


def test_malformed_certificate_is_reported_not_raised(pb: Loader) -> None:
    election = pb("Netherlands_Assen_2024.pb")
    data = cert(pb, "Netherlands_Assen_2024.pb", "mes")
    del data["rounds"]
    assert verify_certificate(data, election, any_rule=True)[0].startswith("malformed")
    assert verify_certificate({"format": "x"}, election)
