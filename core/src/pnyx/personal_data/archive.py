"""Writing files into a ZIP archive as they are produced: rows are never all in memory."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str) -> str:
    """A file name that cannot leave its folder when the archive is extracted."""
    cleaned = UNSAFE.sub("_", name).lstrip(".")
    return cleaned or "data"


def plain(value: Any) -> Any:
    """``value`` as a JSON value: dates and datetimes in ISO 8601."""
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)


def cell(value: Any) -> str:
    """``value`` as a CSV cell: JSON for dicts and lists, ISO 8601 for dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, default=plain, ensure_ascii=False, sort_keys=True)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return str(value)


@attrs.frozen
class CsvRows:
    """Rows to write as CSV with known columns (the header is written even with no row)."""

    columns: tuple[str, ...]
    rows: Iterable[Mapping[str, Any]]


class ArchiveWriter:
    """Adds files to an open :class:`zipfile.ZipFile`, refusing two files with one name."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.names: list[str] = []

    def _claim(self, name: str) -> str:
        if name in self.names:
            raise ValueError(f"two files named {name!r} in the archive")
        self.names.append(name)
        return name

    def _open_text(self, name: str) -> io.TextIOWrapper:
        raw = self.archive.open(self._claim(name), "w", force_zip64=True)
        return io.TextIOWrapper(raw, encoding="utf-8", newline="")

    def add(self, folder: str, name: str, content: Any) -> str:
        """Write one contribution (rows, ``bytes`` or ``str``); returns its path in the archive."""
        name = f"{safe_name(folder)}/{safe_name(name)}"
        if isinstance(content, bytes | str):
            data = content.encode("utf-8") if isinstance(content, str) else content
            self.archive.writestr(self._claim(name), data)
            return name
        if isinstance(content, CsvRows):
            return self.add_csv(name, content.rows, content.columns)
        if isinstance(content, Mapping):
            raise TypeError(f"{name}: give rows (a list of dicts), bytes or str, not one dict")
        if name.endswith(".csv"):
            return self.add_csv(name, content)
        if "." not in name.rsplit("/", 1)[-1]:
            name += ".json"
        return self.add_json(name, content)

    def add_csv(
        self, name: str, rows: Iterable[Mapping[str, Any]], columns: Sequence[str] | None = None
    ) -> str:
        """Rows as CSV; the columns are ``columns`` or the first row's keys."""
        with self._open_text(name) as out:
            writer: csv.DictWriter[str] | None = None
            if columns is not None:
                writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="raise")
                writer.writeheader()
            for row in rows:
                if writer is None:
                    writer = csv.DictWriter(out, fieldnames=list(row), extrasaction="raise")
                    writer.writeheader()
                writer.writerow({key: cell(value) for key, value in row.items()})
        return name

    def add_json(self, name: str, rows: Iterable[Any]) -> str:
        """Rows as a JSON array, written one row at a time."""
        with self._open_text(name) as out:
            out.write("[")
            for index, row in enumerate(rows):
                out.write(",\n" if index else "\n")
                out.write(json.dumps(row, default=plain, ensure_ascii=False, sort_keys=True))
            out.write("\n]\n")
        return name
