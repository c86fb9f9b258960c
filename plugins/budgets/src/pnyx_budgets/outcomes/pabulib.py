"""Read and write pabulib ``.pb`` files (https://pabulib.org/format).

A file has three sections, ``META``, ``PROJECTS`` and ``VOTES``; each is a ``;``-separated CSV
table whose first row is its header (``key;value`` for META). Fields use standard CSV quoting,
so the :mod:`csv` module reads them. ``.pb.gz`` files are read transparently, with a bound on
the unzipped size. The reader is strict (:mod:`._pb_reader` lists what it checks).
"""

from __future__ import annotations

import csv
import gzip
import io
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ._pb_reader import PabulibError, PabulibWarning, read_lines
from .model import CumulativeBallot, Election, Extra, Project

__all__ = ["PabulibError", "PabulibWarning", "parse_pb", "read_lines", "read_pb", "write_pb"]

MAX_DECOMPRESSED = 256 << 20
"""A ``.pb.gz`` may expand to at most this many bytes (256 MiB; Warsaw's largest file is about
20 MB): a small "gzip bomb" must not take the machine's memory."""


def read_pb(path: str | Path, *, voters: bool = True) -> Election:
    """Read a ``.pb`` or ``.pb.gz`` file (UTF-8, a byte-order mark is ignored).

    Errors (:class:`PabulibError`) name the line; ``voters=False``: see :func:`read_lines`.
    """
    path = Path(path)
    with open(path, "rb") as raw:
        if path.suffix == ".gz" or raw.read(2) == b"\x1f\x8b":
            raw.seek(0)
            return _read_gzip(raw, voters)
        raw.seek(0)
        with io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
            return _decoded(text, voters)


def _read_gzip(raw: io.BufferedReader, voters: bool) -> Election:
    try:
        with gzip.GzipFile(fileobj=raw) as unzipped:
            limited = _Limited(unzipped, MAX_DECOMPRESSED)
            with io.TextIOWrapper(limited, encoding="utf-8-sig", newline="") as text:
                return _decoded(text, voters)
    except gzip.BadGzipFile as error:
        raise PabulibError(f"not a gzip file ({error})") from None
    except (EOFError, zlib.error) as error:
        raise PabulibError(f"truncated or damaged gzip data ({error})") from None


def _decoded(text: io.TextIOWrapper, voters: bool) -> Election:
    try:
        return read_lines(text, voters=voters)
    except UnicodeDecodeError as error:
        raise PabulibError(f"not UTF-8 text ({error.reason} at byte {error.start})") from None


class _Limited(io.RawIOBase):
    """A readable stream that refuses to deliver more than ``limit`` bytes."""

    def __init__(self, stream: Any, limit: int) -> None:
        self._stream, self._left = stream, limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._stream.read(min(len(buffer), self._left + 1))
        if len(data) > self._left:
            raise PabulibError(f"the file expands beyond {MAX_DECOMPRESSED >> 20} MiB unzipped")
        self._left -= len(data)
        buffer[: len(data)] = data
        return len(data)


def parse_pb(text: str, *, voters: bool = True) -> Election:
    """Parse the text of a pabulib file into an :class:`Election` (see :func:`read_lines`)."""
    return read_lines(io.StringIO(text, newline=""), voters=voters)


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
