"""Greedy rules and scoring: golden files and hand-made edge cases."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from pnyx_budgets.outcomes.certificate import build_certificate, verify_certificate
from pnyx_budgets.outcomes.greedy import greedy, greedy_no_skip, greedy_threshold
from pnyx_budgets.outcomes.model import WITHDRAWN_COST, Election
from pnyx_budgets.outcomes.pabulib import parse_pb, read_pb
from pnyx_budgets.outcomes.registry import RULES, compute_outcome
from pnyx_budgets.outcomes.scoring import project_scores, project_votes, rank_points

DATA = Path(__file__).parent / "data"
Loader = Callable[[str], Election]


@pytest.fixture(scope="module")
def pb() -> Callable[[str], Election]:
    """``pb("Poland_Swiecie_2023.pb")``: a test data file, parsed once per module."""
    return cache(lambda name: read_pb(DATA / name))


def selected(election: Election) -> set[str]:
    return {pid for pid, project in election.projects.items() if project.selected == 1}


def test_krakow_2020_greedy_over_3_2_1_points(pb: Loader) -> None:
    election = pb("Poland_Krakow_2020.pb.gz")
    assert rank_points(election.meta, 3) == [3, 2, 1]  # Borda with max_length 3
    scores = project_scores(election)
    assert all(scores[pid] == p.score for pid, p in election.projects.items())
    assert set(greedy(election).winners) == selected(election)


def test_warszawa_2026_greedy_threshold(pb: Loader) -> None:
    election = pb("Poland_Warszawa_2026.pb.gz")
    outcome = greedy_threshold(election)
    assert set(outcome.winners) == selected(election)
    assert outcome.parameters["threshold"] == "3000"
    # 1222 reaches the threshold (3029 votes) and is cheap, but the money had run out
    step = next(s for s in outcome.rounds if s.project == "1222")
    assert (step.decision, step.cost > step.remaining) == ("skipped", True)


def test_toulouse_2019_points_and_votes(pb: Loader) -> None:
    election = pb("France_Toulouse_2019.pb")
    scores, votes = project_scores(election), project_votes(election)
    for pid, project in election.projects.items():
        assert (scores[pid], votes[pid]) == (project.score, project.votes), pid


TINY = """META
key;value
budget;10
vote_type;approval
PROJECTS
project_id;cost
a;6
b;5
c;4
d;1
e;2
VOTES
voter_id;vote
1;a,b,c
2;a,b,c
3;a,b
4;c,d
5;a
"""


def test_greedy_skips_what_does_not_fit_and_no_skip_stops() -> None:
    election = parse_pb(TINY)  # scores: a 4, b 3, c 3, d 1, e 0
    assert greedy(election).winners == ("a", "c")  # b and c tie at 3: c is cheaper
    assert greedy(election).total_cost == 10
    assert greedy_no_skip(election).winners == ("a", "c")
    steps = {s.project: s.decision for s in greedy_no_skip(election).rounds}
    assert steps == {
        "a": "selected",
        "c": "selected",
        "b": "stopped",
        "d": "not-reached",
        "e": "no-support",
    }


def test_greedy_skip_keeps_filling_with_smaller_projects() -> None:
    election = parse_pb(TINY.replace("a;6", "a;7"))  # a, then b/c do not fit, d does
    assert greedy(election).winners == ("a", "d")
    assert greedy_no_skip(election).winners == ("a",)


def test_full_tie_goes_to_the_seeded_draw() -> None:
    # b and c: same score (3), cost (5) and votes (3); a costs 5, so one of them fits
    election = parse_pb(TINY.replace("a;6", "a;5").replace("c;4", "c;5"))
    seconds = {greedy(election, seed=str(seed)).winners for seed in range(20)}
    assert seconds == {("a", "b"), ("a", "c")}
    default = greedy(election).winners
    assert greedy(election).winners == default  # deterministic for a given seed


def test_threshold_filters_and_needs_meta() -> None:
    election = parse_pb(
        TINY.replace("vote_type;approval", "vote_type;approval\nmin_project_score_threshold;4")
    )
    assert greedy_threshold(election).winners == ("a",)
    with pytest.raises(ValueError, match="min_project_score_threshold"):
        greedy_threshold(parse_pb(TINY))


def test_exact_budget_fit_and_decimal_budget() -> None:
    exact = parse_pb(TINY.replace("budget;10", "budget;6"))
    assert greedy(exact).winners == ("a",)
    decimal = parse_pb(TINY.replace("budget;10", "budget;10.99"))
    assert greedy(decimal).winners == ("a", "c")
    assert decimal.budget - greedy(decimal).total_cost == pytest.approx(0.99)


ORDINAL = """META
key;value
budget;100
vote_type;ordinal
max_length;3
PROJECTS
project_id;cost
x;60
y;50
z;40
VOTES
voter_id;vote
1;x,y,z
2;y,z
3;z,x
"""


def test_ordinal_borda_and_explicit_scoring_fn() -> None:
    assert project_scores(parse_pb(ORDINAL)) == {"x": 3 + 2, "y": 2 + 3, "z": 1 + 2 + 3}
    custom = parse_pb(ORDINAL.replace("max_length;3", "scoring_fn;10,1"))
    with pytest.raises(ValueError, match="fewer ranks"):
        project_scores(custom)
    custom = parse_pb(ORDINAL.replace("max_length;3", "scoring_fn;5,2,1"))
    assert project_scores(custom) == {"x": 5 + 2, "y": 2 + 5, "z": 1 + 2 + 5}
    assert greedy(custom).winners == ("z", "y")  # x and y tie at 7: y is cheaper


def with_threshold(text: str, threshold: int) -> str:
    line = f"min_project_score_threshold;{threshold}"
    return text.replace("vote_type;approval", f"vote_type;approval\n{line}")


def test_every_greedy_variant_reads_the_threshold_from_meta() -> None:
    election = parse_pb(with_threshold(TINY.replace("a;6", "a;7"), 2))  # d (1 vote) is out
    assert RULES["greedy"](election).winners == ("a",)
    outcome = RULES["greedy-no-skip"](election)
    assert outcome.winners == ("a",) and outcome.parameters["threshold"] == "2"
    combined = compute_outcome(election, "greedy-no-skip-threshold")
    assert combined.winners == ("a",) and combined.rule == "greedy-no-skip-threshold"
    steps = {s.project: s.decision for s in combined.rounds}
    assert steps["c"] == "stopped" and steps["d"] == "below-threshold"
    with pytest.raises(ValueError, match="min_project_score_threshold"):
        compute_outcome(parse_pb(TINY), "greedy-no-skip-threshold")
    for rule in ("greedy", "greedy-no-skip", "greedy-no-skip-threshold"):
        cert = build_certificate(compute_outcome(election, rule), election)
        assert verify_certificate(cert, election, any_rule=True) == []
        cert["parameters"].pop("threshold")
        assert verify_certificate(cert, election, any_rule=True)


def test_a_withdrawn_project_is_passed_over_without_stopping() -> None:
    election = parse_pb(TINY.replace("a;6", f"a;{WITHDRAWN_COST}"))  # a has the most votes
    outcome = greedy_no_skip(election)
    assert outcome.winners == ("c", "b", "d")
    assert outcome.rounds[0].decision == "withdrawn"
    cert = build_certificate(outcome, election)
    assert verify_certificate(cert, election, any_rule=True) == []
    cert["rounds"][0]["decision"] = "stopped"
    assert verify_certificate(cert, election, any_rule=True)


@pytest.mark.parametrize(
    "name",
    [
        "Poland_Wroclaw_2017_Rejon_nr_11_750.pb",  # withdrawn 150 has the most votes
        "Poland_Wroclaw_2017_Rejon_nr_11_250.pb",
        "Poland_Gdynia_2020_Cisowa__small.pb",  # no-skip + threshold 50
        "Poland_Gdynia_2021_Orlowo__small.pb",
    ],
)
def test_no_skip_files_reproduce_their_winners(
    shared_pb: Callable[[str], Election], name: str
) -> None:
    election = shared_pb(name)
    outcome = compute_outcome(election, election.meta["rule"])
    assert set(outcome.winners) == selected(election)
    assert verify_certificate(build_certificate(outcome, election), election) == []
