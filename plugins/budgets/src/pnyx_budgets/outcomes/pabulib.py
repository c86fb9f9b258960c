"""Read and write pabulib ``.pb`` files (https://pabulib.org/format).

A file has three sections, ``META``, ``PROJECTS`` and ``VOTES``; each is a ``;``-separated CSV
table whose first row is its header (``key;value`` for META). Fields use standard CSV quoting,
so the :mod:`csv` module reads them. ``.pb.gz`` files are read transparently.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Callable, Iterable, Iterator
from fractions import Fraction
from operator import itemgetter
from pathlib import Path
from sys import intern
from typing import Any

from .model import (
    ApprovalBallot,
    Ballot,
    CumulativeBallot,
    Election,
    Extra,
    OrdinalBallot,
    Project,
)

SECTIONS = ("META", "PROJECTS", "VOTES")
_PROJECT_FIELDS = ("project_id", "cost", "name", "score", "votes", "selected")
_VOTE_FIELDS = ("voter_id", "vote", "points")


class PabulibError(ValueError):
    """The text is not a well-formed pabulib file (the message says where)."""


def read_pb(path: str | Path) -> Election:
    """Read a ``.pb`` or ``.pb.gz`` file (UTF-8, a byte-order mark is ignored)."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
        return parse_pb(handle.read())


def parse_pb(text: str) -> Election:
    """Parse the text of a pabulib file into an :class:`Election`."""
    rows = csv.reader(io.StringIO(text), delimiter=";", skipinitialspace=True)
    tables: dict[str, list[list[str]]] = {}
    current: list[list[str]] | None = None
    ballots = None
    for row in rows:
        title = row[0].strip() if len(row) == 1 else ""
        if title == "VOTES" and "META" in tables and "PROJECTS" in tables:
            # votes come last: build ballots straight from the reader, because holding 60 000
            # rows and the ballots made from them at once would double the peak memory
            meta, projects = _meta(tables), _parse_projects(tables["PROJECTS"])
            ballots = _parse_votes(rows, _vote_type(meta), projects)
            break
        if title in SECTIONS:
            current = tables.setdefault(title, [])
        elif not any(row):
            continue
        elif current is None:
            raise PabulibError(f"data before the first section title: {row!r}")
        else:
            current.append([cell.strip() for cell in row])
    if ballots is None:  # sections out of the usual order
        missing = [name for name in SECTIONS if not tables.get(name)]
        if missing:
            raise PabulibError(f"missing section(s) or header(s): {', '.join(missing)}")
        meta, projects = _meta(tables), _parse_projects(tables["PROJECTS"])
        ballots = _parse_votes(iter(tables["VOTES"]), _vote_type(meta), projects)
    return Election(meta=meta, projects=projects, ballots=ballots)


def _meta(tables: dict[str, list[list[str]]]) -> dict[str, str]:
    return {row[0]: row[1] if len(row) > 1 else "" for row in tables["META"][1:]}


def _vote_type(meta: dict[str, str]) -> str:
    try:
        return Election(meta=meta, projects={}, ballots=()).vote_type
    except ValueError as error:  # e.g. "scoring" ballots, which no rule here reads
        raise PabulibError(str(error)) from None


def _exact_int(text: str, what: str) -> int:
    """``"120"`` or ``"120.00"`` -> 120; anything not a whole number is an error."""
    try:
        value = Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise PabulibError(f"{what}: {text!r} is not a number") from None
    if value.denominator != 1:
        raise PabulibError(f"{what}: {text!r} is not a whole number")
    return int(value)


def _optional_int(text: str, what: str) -> int | None:
    return None if text == "" else _exact_int(text, what)


def _columns(header: list[str], known: tuple[str, ...]) -> tuple[list[int], list[str]]:
    """Indexes of the ``known`` columns (-1 if absent) and the names of all other columns."""
    index = {name: i for i, name in enumerate(header)}
    return [index.get(name, -1) for name in known], [h for h in header if h not in known]


def _extra_reader(header: list[str], known: tuple[str, ...]) -> Callable[[list[str]], Extra]:
    """A function that picks the non-``known`` columns of a row as ``(name, value)`` pairs."""
    picked = [(i, name) for i, name in enumerate(header) if name not in known]
    if not picked:
        return lambda row: ()
    names = [name for _, name in picked]
    getter = itemgetter(*(i for i, _ in picked), *(() if len(picked) > 1 else (0,)))
    if len(picked) == 1:
        # itemgetter of one index returns a bare value; the padding index makes it a tuple
        return lambda row: ((names[0], intern(getter(row)[0])),)
    return lambda row: tuple(zip(names, map(intern, getter(row)), strict=True))


def _parse_projects(table: list[list[str]]) -> dict[str, Project]:
    header = table[0]
    (i_id, i_cost, i_name, i_score, i_votes, i_sel), _ = _columns(header, _PROJECT_FIELDS)
    extra_of = _extra_reader(header, _PROJECT_FIELDS)
    if i_id < 0 or i_cost < 0:
        raise PabulibError("PROJECTS needs the columns project_id and cost")
    projects: dict[str, Project] = {}
    for row in table[1:]:
        # pad short rows, and give absent columns (index -1) the empty string of the pad
        row = [*row, *[""] * (len(header) - len(row)), ""]
        pid = row[i_id]
        if pid in projects:
            raise PabulibError(f"project {pid!r} appears twice")
        projects[pid] = Project(
            id=pid,
            cost=_exact_int(row[i_cost], f"cost of project {pid!r}"),
            name=row[i_name],
            score=_optional_int(row[i_score], f"score of project {pid!r}"),
            votes=_optional_int(row[i_votes], f"votes of project {pid!r}"),
            selected=_optional_int(row[i_sel], f"selected of project {pid!r}"),
            extra=extra_of(row),
        )
    return projects


def _parse_votes(rows: Iterator[list[str]], vote_type: str, projects: dict) -> tuple[Ballot, ...]:
    """Ballots from the VOTES rows (header first); ids are the projects' own key objects."""
    header = next((row for row in rows if any(row)), None)
    if header is None:
        raise PabulibError("missing section(s) or header(s): VOTES")
    header = [cell.strip() for cell in header]
    (i_voter, i_vote, i_points), _ = _columns(header, _VOTE_FIELDS)
    if i_voter < 0 or i_vote < 0:
        raise PabulibError("VOTES needs the columns voter_id and vote")
    if vote_type == "cumulative" and i_points < 0:
        raise PabulibError("cumulative VOTES need a points column")
    extra_of = _extra_reader(header, _VOTE_FIELDS)
    width = len(header)
    # one string object per project id (and per repeated metadata value, via sys.intern):
    # a large file otherwise keeps hundreds of thousands of equal small strings alive
    canonical = {pid: pid for pid in projects}.__getitem__
    ballots: list[Ballot] = []
    for row in rows:
        if len(row) < width:
            if not any(row):
                continue
            row = row + [""] * (width - len(row))
        voter = row[i_voter].strip()
        try:
            ids = list(map(canonical, _split(row[i_vote])))
        except KeyError as error:
            raise PabulibError(f"voter {voter!r} votes for unknown project {error}") from None
        if vote_type == "approval":
            ballots.append(ApprovalBallot(voter, frozenset(ids), extra_of(row)))
            continue
        if len(set(ids)) != len(ids):
            raise PabulibError(f"voter {voter!r} lists a project twice")
        if vote_type == "ordinal":
            ballots.append(OrdinalBallot(voter, tuple(ids), extra_of(row)))
            continue
        points = [_exact_int(p, f"points of voter {voter!r}") for p in _split(row[i_points])]
        if len(points) != len(ids):
            raise PabulibError(f"voter {voter!r}: vote and points do not match")
        ballots.append(CumulativeBallot(voter, tuple(zip(ids, points, strict=True)), extra_of(row)))
    return tuple(ballots)


def _split(field: str) -> list[str]:
    """``"1, 2,3"`` -> ``["1", "2", "3"]``; the common no-space case skips the strips."""
    if not field:
        return []
    parts = field.split(",")
    return [part.strip() for part in parts] if " " in field else parts


def write_pb(election: Election) -> str:
    """Serialise an election as pabulib text (``num_projects``/``num_votes`` are recomputed).

    The output parses back to an equal :class:`Election`; it is the way to export ballots
    (e.g. after dropping voter metadata columns from ``extra``).
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    meta = dict(election.meta)
    meta["num_projects"] = str(len(election.projects))
    meta["num_votes"] = str(len(election.ballots))
    writer.writerow(["META"])
    writer.writerow(["key", "value"])
    writer.writerows(meta.items())
    _write_projects(writer, list(election.projects.values()))
    _write_votes(writer, election)
    return out.getvalue()


def _extra_names(extras: Iterable[Extra]) -> list[str]:
    names: dict[str, None] = {}
    for extra in extras:
        names.update(dict.fromkeys(name for name, _ in extra))
    return list(names)


def _write_projects(writer: Any, projects: list[Project]) -> None:
    optional = [
        f
        for f in ("score", "votes", "selected")
        if any(getattr(p, f) is not None for p in projects)
    ]
    extras = _extra_names(p.extra for p in projects)
    writer.writerow(["PROJECTS"])
    writer.writerow(["project_id", "cost", "name", *optional, *extras])
    for p in projects:
        values = ["" if getattr(p, f) is None else str(getattr(p, f)) for f in optional]
        other = dict(p.extra)
        writer.writerow([p.id, str(p.cost), p.name, *values, *(other.get(n, "") for n in extras)])


def _write_votes(writer: Any, election: Election) -> None:
    extras = _extra_names(b.extra for b in election.ballots)
    cumulative = election.vote_type == "cumulative"
    writer.writerow(["VOTES"])
    writer.writerow(["voter_id", "vote", *(["points"] if cumulative else []), *extras])
    for ballot in election.ballots:
        row = [ballot.voter_id, ",".join(ballot.projects)]
        if isinstance(ballot, CumulativeBallot):
            row.append(",".join(str(points) for _, points in ballot.points))
        other = dict(ballot.extra)
        writer.writerow([*row, *(other.get(n, "") for n in extras)])
