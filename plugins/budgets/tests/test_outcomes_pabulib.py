"""The pabulib reader and writer."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from functools import cache
from pathlib import Path

import pytest

from pnyx_budgets.outcomes.model import ApprovalBallot, CumulativeBallot, Election, OrdinalBallot
from pnyx_budgets.outcomes.pabulib import PabulibError, parse_pb, read_pb, write_pb

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def pb() -> Callable[[str], Election]:
    """``pb("Poland_Swiecie_2023.pb")``: a test data file, parsed once per module."""
    return cache(lambda name: read_pb(DATA / name))


# the Warsaw file (61 668 voters) is read by other tests; a write/read cycle adds ~2 s for little
FILES = sorted(p.name for p in DATA.iterdir() if p.name.endswith(".pb") or "Krakow" in p.name)

SMALL = '''META
key; value
description; hand-made
num_projects; 3
num_votes; 3
budget; 1000.50
vote_type; approval
PROJECTS
project_id;cost;name;selected;category
p1;600;"Park; with a ""pond""";1;green
p2;400.00;Bike racks;0;
p3;300;Benches;0;urban
VOTES
voter_id;vote;age
v1;p1,p2;34
v2;p2, p3;51
v3;;19
'''


def test_small_file_fields() -> None:
    election = parse_pb(SMALL)
    assert election.budget == Fraction(2001, 2)
    assert election.vote_type == "approval"
    assert list(election.projects) == ["p1", "p2", "p3"]
    park = election.projects["p1"]
    assert park.name == 'Park; with a "pond"'
    assert (park.cost, park.selected, park.extra) == (600, 1, (("category", "green"),))
    assert election.projects["p2"].cost == 400
    assert election.ballots[1] == ApprovalBallot("v2", frozenset({"p2", "p3"}), (("age", "51"),))
    assert election.ballots[2].approved == frozenset()


@pytest.mark.parametrize("name", FILES)
def test_every_test_file_reads_and_round_trips(pb: Callable[[str], Election], name: str) -> None:
    election = pb(name)
    assert len(election.projects) == int(election.meta["num_projects"])
    assert len(election.ballots) == int(election.meta["num_votes"])
    assert parse_pb(write_pb(election)) == election


def test_ballot_kinds(pb: Callable[[str], Election]) -> None:
    toulouse = pb("France_Toulouse_2019.pb")
    assert toulouse.ballots[0] == CumulativeBallot(
        "0", (("15", 2), ("22", 2), ("25", 2), ("10", 1))
    )
    krakow = pb("Poland_Krakow_2020.pb.gz")
    first = krakow.ballots[0]
    assert isinstance(first, OrdinalBallot)
    assert first.ranking == ("98", "8", "134")
    assert dict(first.extra) == {"voting_method": "internet", "district": "BIEŻANÓW-PROKOCIM"}


def test_writer_recomputes_counts_and_keeps_quotes() -> None:
    election = parse_pb(SMALL)
    smaller = type(election)(election.meta, election.projects, election.ballots[:1])
    text = write_pb(smaller)
    assert "num_votes;1\n" in text
    assert '"Park; with a ""pond"""' in text
    assert parse_pb(text).ballots == smaller.ballots


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("v1;p1,p2;34", "v1;p1,p9;34"), "unknown project"),
        (("p3;300;", "p3;30.5;"), "not a whole number"),
        (("VOTES\n", ""), "missing section"),
        (("p3;300;", "p1;300;"), "appears twice"),
        (("vote_type; approval", "vote_type; scoring"), "unsupported vote_type"),
    ],
)
def test_malformed_files_are_rejected(change: tuple[str, str], message: str) -> None:
    with pytest.raises(PabulibError, match=message):
        parse_pb(SMALL.replace(*change))
