"""The .pb reader refuses cut, inconsistent or hostile files with one line naming the line."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from click.testing import CliRunner

from pnyx_budgets.outcomes import pabulib
from pnyx_budgets.outcomes.cli import budgets
from pnyx_budgets.outcomes.pabulib import PabulibError, PabulibWarning, parse_pb, read_pb

GOOD = """META
key;value
num_projects;3
num_votes;3
budget;1000
vote_type;approval
PROJECTS
project_id;cost;name
p1;600;Park
p2;400;Bikes
p3;300;Benches
VOTES
voter_id;vote;age
v1;p1,p2;34
v2;p2,p3;51
v3;p3;19
"""

POINTS = """META
key;value
budget;10
vote_type;cumulative
PROJECTS
project_id;cost
a;6
b;5
VOTES
voter_id;vote;points
1;a,b;2,1
2;b;3
"""


@pytest.mark.parametrize(
    ("text", "change", "message"),
    [
        (GOOD, ("budget;1000", "budget;-50"), "line 5: the budget is negative"),
        (GOOD, ("budget;1000\n", ""), "META has no budget"),
        (GOOD, ("budget;1000", "budget;nan"), "line 5: the budget: 'nan' is not a number"),
        (GOOD, ("p2;400;", "p2;-50;"), "line 10: cost of project 'p2': '-50' is negative"),
        (GOOD, ("p2;400;", "p2;inf;"), "line 10: cost of project 'p2': 'inf' is not a number"),
        (GOOD, ("v2;p2,p3", "v1;p2,p3"), "line 15: voter 'v1' is listed twice"),
        (GOOD, ("v3;p3;19\n", "v3;p3\n"), "line 16: 2 field\\(s\\) where the header has 3"),
        (GOOD, ("v3;p3;19\n", "v3;p3,;19\n"), "line 16: voter 'v3' votes for an empty project"),
        (GOOD, ("v3;p3;19\n", ""), "META num_votes is 3 but the file holds 2"),
        (GOOD, ("num_projects;3", "num_projects;4"), "META num_projects is 4 but the file"),
        (GOOD, ("Park", "P" * (2 << 20)), "line 9: .*field"),
        (POINTS, ("2;b;3", "2;b;-3"), "line 12: points of voter '2': '-3' is negative"),
        (POINTS, ("2;b;3", "2;b,b;2,1"), "line 12: voter '2' lists a project twice"),
        (GOOD, ("PROJECTS\n", "PROJECTS\nPROJECTS\n"), "line 8: a second PROJECTS section"),
    ],
)
def test_bad_files_are_refused_naming_the_line(
    text: str, change: tuple[str, str], message: str
) -> None:
    assert text.count(change[0]) == 1
    with pytest.raises(PabulibError, match=message):
        parse_pb(text.replace(*change))


def test_a_free_project_is_read_with_a_warning() -> None:
    with pytest.warns(PabulibWarning, match="line 11: project 'p3' costs 0"):
        election = parse_pb(GOOD.replace("p3;300;", "p3;0;"))
    assert election.projects["p3"].cost == 0


def test_gzip_fake_truncated_and_bomb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "fake.pb.gz"
    fake.write_text(GOOD)
    with pytest.raises(PabulibError, match="not a gzip file"):
        read_pb(fake)
    packed = gzip.compress(GOOD.encode() * 50)
    cut = tmp_path / "cut.pb.gz"
    cut.write_bytes(packed[: len(packed) // 2])
    with pytest.raises(PabulibError, match="truncated or damaged gzip"):
        read_pb(cut)
    bomb = tmp_path / "bomb.pb.gz"
    bomb.write_bytes(gzip.compress(GOOD.encode() + b"v9;p1;1\n" * 5000))
    monkeypatch.setattr(pabulib, "MAX_DECOMPRESSED", 4096)
    with pytest.raises(PabulibError, match="expands beyond"):
        read_pb(bomb)


def test_identical_ballots_share_one_object_without_voter_ids() -> None:
    text = GOOD.replace("v3;p3;19", "v3;p2,p3;19")
    election = parse_pb(text, voters=False)
    assert election.ballots[1] is election.ballots[2]
    assert election.ballots[0].voter_id == "" and election.ballots[0].extra == ()
    with_ids = parse_pb(text)
    assert [b.approved for b in with_ids.ballots] == [b.approved for b in election.ballots]


def test_the_command_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "cut.pb"
    path.write_text(GOOD.replace("v3;p3;19\n", "v3"))
    result = CliRunner().invoke(budgets, ["outcome", str(path), "--rule", "mes-add1"])
    assert result.exit_code == 2
    expected = f"Error: {path}: line 16: 1 field(s) where the header has 3 (a cut line?)\n"
    assert result.output == expected
    free = tmp_path / "free.pb"
    free.write_text(GOOD.replace("p3;300;", "p3;0;"))
    result = CliRunner().invoke(budgets, ["outcome", str(free), "--rule", "greedy"])
    assert result.exit_code == 0 and "warning: line 11: project 'p3' costs 0" in result.output
