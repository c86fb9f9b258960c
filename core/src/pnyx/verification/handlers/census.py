"""``census``: the person enters identifiers that an admin's census file lists.

The admin chooses the identifier columns (e.g. elector number and birth
date) and uploads the file; only keyed hashes of each line are kept
(``CensusEntry``). A person verifies by typing the same identifiers; their
hash is also the authorization's unique id, so one census line verifies one
account: a second account lands in the admin conflict queue.

Values are normalised before hashing, identically on both sides: Unicode
NFKC, case folded, every space removed (``"AB 12 "`` = ``"ab12"``); dates
read as ``YYYY-MM-DD``, ``DD/MM/YYYY``, ``DD-MM-YYYY`` or ``DD.MM.YYYY`` (a
time after the date is ignored) and hashed as ``YYYY-MM-DD``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

import attrs
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx.db import get_session
from pnyx.manifests import AuthorizationHandler
from pnyx.models import CensusEntry
from pnyx.verification.hashing import keyed_hash
from pnyx.verification.org_settings import handler_options

NAME = "census"
KINDS = ("text", "date")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d")
SPACES = re.compile(r"\s+")


@attrs.frozen
class CensusColumn:
    """One identifier of the census: its header in the file, its kind, its label for residents."""

    name: str
    kind: str = "text"
    label: str = ""

    @property
    def shown_label(self) -> str:
        return self.label or self.name.replace("_", " ").capitalize()


def census_columns(session: Session | None = None) -> list[CensusColumn]:
    """The identifier columns the organization chose (empty before any choice)."""
    stored = handler_options(NAME, session).get("columns") or []
    return [CensusColumn(**_column_fields(item)) for item in stored if isinstance(item, dict)]


def _column_fields(item: dict[str, Any]) -> dict[str, str]:
    kind = item.get("kind") if item.get("kind") in KINDS else "text"
    name, label = str(item.get("name", "")), str(item.get("label", ""))
    return {"name": name, "kind": str(kind), "label": label}


def normalise(value: str, kind: str) -> str | None:
    """The canonical form of one identifier, or ``None`` when it is empty or not a date."""
    if kind == "date":
        return _normalise_date(value)
    text = SPACES.sub("", unicodedata.normalize("NFKC", value)).casefold()
    return text or None


def _normalise_date(value: str) -> str | None:
    text = value.strip().split("T")[0].split(" ")[0]
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return None


def identity_of(values: list[str], columns: list[CensusColumn]) -> str | None:
    """The keyed hash of one person's identifiers, or ``None`` if one is missing or wrong."""
    normalised = [normalise(v, c.kind) for v, c in zip(values, columns, strict=True)]
    if not columns or any(part is None for part in normalised):
        return None
    return keyed_hash(NAME, [str(part) for part in normalised])


def is_listed(identity: str) -> bool:
    query = select(CensusEntry.id).where(CensusEntry.identity_hash == identity)
    return get_session().scalar(query) is not None


def census_size(session: Session | None = None) -> int:
    return int((session or get_session()).scalar(select(func.count(CensusEntry.id))) or 0)


HANDLER = AuthorizationHandler(
    name=NAME,
    label=_l("Census"),
    verify_endpoint="pnyx_verification.census",
    description=_l(
        "Some votes are for the people listed in a register, such as the electoral roll: "
        "enter your identifiers to take part."
    ),
)
