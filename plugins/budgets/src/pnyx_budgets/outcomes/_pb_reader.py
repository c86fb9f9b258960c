"""A strict, streaming reader of pabulib ``.pb`` text (see :mod:`.pabulib` for the format).

Files come from anywhere (a city's export, a download, an e-mail), so a file that is cut,
inconsistent or hostile must never yield an outcome: every problem raises :class:`PabulibError`
naming the line, e.g. ``line 1204: voter '77' is listed twice``. Checked:

* META: ``budget`` present, a finite number, not negative; ``num_projects`` and ``num_votes``,
  when present, equal the rows found (a file cut short has fewer votes than announced);
* PROJECTS: ids unique, costs whole, finite and not negative (cost 0: a warning, MES never
  funds such a project);
* VOTES: voter ids unique, every row as wide as the header (a line cut in the middle is
  shorter), no empty or unknown project id, points whole and not negative; a project listed
  twice in a cumulative or ordinal ballot is an error (Częstochowa 2020 does it; summing the
  points would guess what the city meant, so we refuse and name the line);
* fields longer than :data:`MAX_FIELD` characters are refused.

Rows are read one at a time from any iterable of lines, so a file is never held whole in
memory; identical ballots can share one object (``voters=False``, see :func:`read_lines`).
"""

from __future__ import annotations

import csv
import warnings
from collections.abc import Callable, Iterable, Iterator
from fractions import Fraction
from operator import itemgetter
from sys import intern

from .model import ApprovalBallot, Ballot, CumulativeBallot, Election, Extra, OrdinalBallot, Project

SECTIONS = ("META", "PROJECTS", "VOTES")
PROJECT_FIELDS = ("project_id", "cost", "name", "score", "votes", "selected")
VOTE_FIELDS = ("voter_id", "vote", "points")
MAX_FIELD = 1 << 20
"""Longest field accepted (1 MiB): a ballot of every project of a city is far shorter."""


class PabulibError(ValueError):
    """The text is not a well-formed pabulib file (the message says where)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message if line is None else f"line {line}: {message}")
        self.line = line


class PabulibWarning(UserWarning):
    """Something legal but probably unintended (e.g. a project costing 0)."""


class _Rows:
    """The CSV rows of the text, with the line number of the row last read."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._reader = csv.reader(lines, delimiter=";", skipinitialspace=True)
        self.line = 0

    def __iter__(self) -> Iterator[list[str]]:
        reader = self._reader
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:  # e.g. a field over the size limit, a NUL byte
                raise PabulibError(str(error), reader.line_num) from None
            self.line = reader.line_num
            if any(len(cell) > MAX_FIELD for cell in row):
                raise PabulibError(f"a field is longer than {MAX_FIELD} characters", self.line)
            yield row


def read_lines(lines: Iterable[str], *, voters: bool = True) -> Election:
    """Parse pabulib text given as lines.

    ``voters=False`` drops voter ids and the extra columns of VOTES, so that identical ballots
    become one shared object (a million identical ballots then take a few MB): enough to count
    and to check a certificate, not to write the file back.
    """
    rows = _Rows(lines)
    tables: dict[str, list[tuple[int, list[str]]]] = {}
    current: list[tuple[int, list[str]]] | None = None
    ballots: tuple[Ballot, ...] | None = None
    iterator = iter(rows)
    for row in iterator:
        title = row[0].strip() if len(row) == 1 else ""
        if title == "VOTES" and "META" in tables and "PROJECTS" in tables:
            # votes come last: build ballots straight from the reader
            meta, projects = _meta(tables), _projects(tables["PROJECTS"])
            ballots = _Votes(meta, projects, voters).read(iterator, rows)
            break
        if title in SECTIONS:
            if title in tables:
                raise PabulibError(f"a second {title} section", rows.line)
            current = tables.setdefault(title, [])
        elif not any(cell.strip() for cell in row):
            continue
        elif current is None:
            raise PabulibError("data before the first section title", rows.line)
        else:
            current.append((rows.line, [cell.strip() for cell in row]))
    if ballots is None:  # sections out of the usual order
        missing = [name for name in SECTIONS if not tables.get(name)]
        if missing:
            raise PabulibError(f"missing section(s) or header(s): {', '.join(missing)}")
        meta, projects = _meta(tables), _projects(tables["PROJECTS"])
        table = tables["VOTES"]
        ballots = _Votes(meta, projects, voters).read(_replay(table, rows), rows)
    return _checked(Election(meta=meta, projects=projects, ballots=ballots), tables, rows.line)


def _replay(table: list[tuple[int, list[str]]], rows: _Rows) -> Iterator[list[str]]:
    for line, row in table:
        rows.line = line
        yield row


def _meta(tables: dict) -> dict[str, str]:
    meta: dict[str, str] = {}
    for line, row in tables["META"][1:]:
        if row[0] in meta:
            raise PabulibError(f"META key {row[0]!r} appears twice", line)
        meta[row[0]] = row[1] if len(row) > 1 else ""
    raw = meta.get("budget", "")
    if not raw:
        raise PabulibError("META has no budget")
    budget = _number(raw, "the budget", _line_of(tables["META"], "budget"))
    if budget < 0:
        raise PabulibError(f"the budget is negative ({raw})", _line_of(tables["META"], "budget"))
    return meta


def _line_of(table: list[tuple[int, list[str]]], key: str) -> int | None:
    return next((line for line, row in table if row[0] == key), None)


def _number(text: str, what: str, line: int | None) -> Fraction:
    try:
        return Fraction(text)  # refuses "nan", "inf" and "1e400" alike
    except (ValueError, ZeroDivisionError):
        raise PabulibError(f"{what}: {text!r} is not a number", line) from None


def _whole(text: str, what: str, line: int | None) -> int:
    """``"120"`` or ``"120.00"`` -> 120; negative or fractional numbers are errors."""
    value = _number(text, what, line)
    if value.denominator != 1:
        raise PabulibError(f"{what}: {text!r} is not a whole number", line)
    if value < 0:
        raise PabulibError(f"{what}: {text!r} is negative", line)
    return int(value)


def _columns(header: list[str], known: tuple[str, ...]) -> list[int]:
    index = {name: i for i, name in enumerate(header)}
    return [index.get(name, -1) for name in known]


def extra_reader(header: list[str], known: tuple[str, ...]) -> Callable[[list[str]], Extra]:
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


def _projects(table: list[tuple[int, list[str]]]) -> dict[str, Project]:
    header = table[0][1]
    i_id, i_cost, i_name, i_score, i_votes, i_sel = _columns(header, PROJECT_FIELDS)
    extra_of = extra_reader(header, PROJECT_FIELDS)
    if i_id < 0 or i_cost < 0:
        raise PabulibError("PROJECTS needs the columns project_id and cost", table[0][0])
    projects: dict[str, Project] = {}
    for line, row in table[1:]:
        # pad short rows, and give absent columns (index -1) the empty string of the pad
        row = [*row, *[""] * (len(header) - len(row)), ""]
        pid = row[i_id]
        if not pid:
            raise PabulibError("a project has no id", line)
        if pid in projects:
            raise PabulibError(f"project {pid!r} appears twice", line)
        cost = _whole(row[i_cost], f"cost of project {pid!r}", line)
        if cost == 0:
            message = f"line {line}: project {pid!r} costs 0; MES never funds it"
            warnings.warn(message, PabulibWarning, stacklevel=2)
        projects[pid] = Project(
            id=pid,
            cost=cost,
            name=row[i_name],
            score=_optional(row[i_score], f"score of project {pid!r}", line),
            votes=_optional(row[i_votes], f"votes of project {pid!r}", line),
            selected=_optional(row[i_sel], f"selected of project {pid!r}", line),
            extra=extra_of(row),
        )
    return projects


def _optional(text: str, what: str, line: int) -> int | None:
    return None if text == "" else _whole(text, what, line)


class _Votes:
    """Builds ballots from VOTES rows (header first)."""

    def __init__(self, meta: dict[str, str], projects: dict[str, Project], voters: bool) -> None:
        try:
            self.kind = Election(meta=meta, projects={}, ballots=()).vote_type
        except ValueError as error:  # e.g. "scoring" ballots, which no rule here reads
            raise PabulibError(str(error)) from None
        # one string object per project id: a large file otherwise keeps hundreds of
        # thousands of equal small strings alive
        self.canonical = {pid: pid for pid in projects}
        self.voters = voters
        self.shared: dict[tuple, Ballot] = {}
        """Without voter ids: one ballot object per distinct vote."""

    def read(self, rows: Iterable[list[str]], where: _Rows) -> tuple[Ballot, ...]:
        header = next((row for row in rows if any(row)), None)
        if header is None:
            raise PabulibError("missing section(s) or header(s): VOTES")
        header = [cell.strip() for cell in header]
        i_voter, i_vote, i_points = _columns(header, VOTE_FIELDS)
        if i_voter < 0 or i_vote < 0:
            raise PabulibError("VOTES needs the columns voter_id and vote", where.line)
        if self.kind == "cumulative" and i_points < 0:
            raise PabulibError("cumulative VOTES need a points column", where.line)
        extra_of = extra_reader(header, VOTE_FIELDS) if self.voters else lambda row: ()
        width, seen = len(header), set()
        ballots: list[Ballot] = []
        for row in rows:
            if len(row) < width:
                if not any(row):
                    continue
                message = f"{len(row)} field(s) where the header has {width} (a cut line?)"
                raise PabulibError(message, where.line)
            voter = row[i_voter].strip()
            if voter in seen:
                raise PabulibError(f"voter {voter!r} is listed twice", where.line)
            seen.add(voter)
            points = row[i_points] if i_points >= 0 else ""
            ballot = self._ballot(voter, row[i_vote], points, extra_of(row), where.line)
            ballots.append(ballot)
        return tuple(ballots)

    def _ballot(self, voter: str, vote: str, points: str, extra: Extra, line: int) -> Ballot:
        if not self.voters:
            key = (vote, points)
            ballot = self.shared.get(key)
            if ballot is None:
                ballot = self.shared[key] = self._make("", vote, points, (), line)
            return ballot
        return self._make(voter, vote, points, extra, line)

    def _make(self, voter: str, vote: str, points: str, extra: Extra, line: int) -> Ballot:
        ids = _split(vote)
        try:
            ids = [self.canonical[pid] for pid in ids]
        except KeyError as error:
            missing = error.args[0]
            problem = "an empty project id" if not missing else f"unknown project {missing!r}"
            raise PabulibError(f"voter {voter!r} votes for {problem}", line) from None
        if self.kind == "approval":
            return ApprovalBallot(voter, frozenset(ids), extra)
        if len(set(ids)) != len(ids):
            raise PabulibError(f"voter {voter!r} lists a project twice", line)
        if self.kind == "ordinal":
            return OrdinalBallot(voter, tuple(ids), extra)
        values = [_whole(p, f"points of voter {voter!r}", line) for p in _split(points)]
        if len(values) != len(ids):
            raise PabulibError(f"voter {voter!r}: vote and points do not match", line)
        return CumulativeBallot(voter, tuple(zip(ids, values, strict=True)), extra)


def _split(field: str) -> list[str]:
    """``"1, 2,3"`` -> ``["1", "2", "3"]``; the common no-space case skips the strips."""
    if not field:
        return []
    parts = field.split(",")
    return [part.strip() for part in parts] if " " in field else parts


def _checked(election: Election, tables: dict, last_line: int) -> Election:
    """META's announced counts against what the file holds."""
    meta = election.meta
    for key, found in (("num_projects", election.projects), ("num_votes", election.ballots)):
        raw = meta.get(key, "").strip()
        if raw and _whole(raw, key, _line_of(tables["META"], key)) != len(found):
            message = f"META {key} is {raw} but the file holds {len(found)}"
            raise PabulibError(f"{message} (cut short?)", last_line)
    return election
