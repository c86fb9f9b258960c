"""The question kinds: what each one asks for, and which options it takes."""

from __future__ import annotations

from pnyx import api

SHORT_TEXT = "short_text"
LONG_TEXT = "long_text"
SINGLE = "single_choice"
MULTIPLE = "multiple_choice"
RANKING = "ranking"
MATRIX = "matrix"
SCALE = "scale"
NUMBER = "number"
DATE = "date"
FILE = "file_upload"

LABELS = {
    SHORT_TEXT: api._l("Short text"),
    LONG_TEXT: api._l("Long text"),
    SINGLE: api._l("Single choice"),
    MULTIPLE: api._l("Multiple choice"),
    RANKING: api._l("Ranking"),
    MATRIX: api._l("Matrix (rows × choices)"),
    SCALE: api._l("Scale"),
    NUMBER: api._l("Number"),
    DATE: api._l("Date"),
    FILE: api._l("File upload"),
}
KINDS = tuple(LABELS)

#: Kinds whose answers are choices (a condition may test them; results count them).
WITH_CHOICES = frozenset({SINGLE, MULTIPLE, RANKING, MATRIX})
#: Kinds a later question's condition may test ("show B if the answer to A includes X").
CONDITIONAL = frozenset({SINGLE, MULTIPLE})
#: Free texts: listed in the results once staff publish them.
TEXTS = frozenset({SHORT_TEXT, LONG_TEXT})
#: Kinds whose results are counts per value (choices, or the points of a scale).
COUNTED = frozenset({SINGLE, MULTIPLE, MATRIX, SCALE, RANKING})

MAX_SCALE = 10
MAX_CHOICES = 50
MAX_TEXT = {SHORT_TEXT: 300, LONG_TEXT: 5000}
OTHER_MAX = 300


def label(kind: str) -> str:
    return str(LABELS.get(kind, kind))


#: What a file question may accept, by group (kinds of ``api.attachments.KINDS``).
FILE_GROUPS = {
    "documents": ("pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx"),
    "images": ("png", "jpeg", "gif", "webp"),
}
#: The default and largest size of a file answer, in megabytes (never above the core's limit).
FILE_DEFAULT_MB = 5
FILE_MAX_MB = 20


def choices(files: bool = False) -> list[tuple[str, str]]:
    """``(kind, label)`` for the builder's select; the file question only when ``files``
    (the survey's setting "Respondents may send files", off by default)."""
    return [(kind, str(text)) for kind, text in LABELS.items() if files or kind != FILE]
