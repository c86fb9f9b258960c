"""Reading one question's answer from a submitted form, and checking it.

Form names: ``q<id>`` (texts, choices, scale, number, date), ``q<id>_other``
(the "other, please specify" text), ``q<id>_c<choice>`` (a choice's rank),
``q<id>_r<row>`` (a matrix row's choices). A value is a plain structure:
a ``str``, ``{"choices": [ids], "other": str}``, ``{"ranking": [ids]}``,
``{"rows": {row id: [ids]}}``, an ``int`` (scale), a ``Decimal``, a ``date``, or
``{"file": key}`` (a file sent with its page: :mod:`pnyx_surveys.answering.files`).
``None`` means "not answered".
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from werkzeug.datastructures import MultiDict

from pnyx import api
from pnyx_surveys import kinds
from pnyx_surveys.models import Question

FIELD = re.compile(r"^q(\d+)(?:_(?:other|[cr]\d+))?$")


class AnswerError(ValueError):
    """What is wrong with an answer, in the reader's language."""


def question_id_of(name: str) -> int | None:
    """The question a form field belongs to (``q12_r4`` → 12), or ``None``."""
    match = FIELD.match(name)
    return int(match.group(1)) if match else None


def read(question: Question, form: MultiDict[str, str]) -> Any:
    """The answer to ``question`` in ``form``, or ``None``; raises :class:`AnswerError`."""
    value = _READERS[question.kind](question, form)
    if value is None and question.mandatory:
        raise AnswerError(api._("This question needs an answer."))
    return value


def _text(question: Question, form: MultiDict[str, str]) -> str | None:
    text = form.get(f"q{question.id}", "").replace("\r\n", "\n").strip()
    limit = kinds.MAX_TEXT[question.kind]
    if len(text) > limit:
        raise AnswerError(
            api.ngettext(
                "Write at most %(num)d character.", "Write at most %(num)d characters.", limit
            )
        )
    return text or None


def _ids(question: Question, values: list[str], role: str = "choice") -> list[int]:
    allowed = {choice.id for choice in question.choices_of(role)}
    found: list[int] = []
    for raw in values:
        number = api.as_int(raw)
        if number not in allowed:
            raise AnswerError(api._("Choose one of the options."))
        if number not in found:
            found.append(number)
    return found


def _other_chosen(question: Question, raw: list[str], typed: str) -> bool:
    """Whether "Other" is an answer: ticked, or its text typed without ticking it, where that
    text cannot have been left behind by a change of mind (a single choice answered with
    another option). Ignored, the typed text was lost: saved without it, or "needs an answer"."""
    if "other" in raw:
        return True
    return bool(typed) and (question.kind != kinds.SINGLE or not raw)


def _choices(question: Question, form: MultiDict[str, str]) -> dict[str, Any] | None:
    raw = [value for value in form.getlist(f"q{question.id}") if value]
    chosen = _ids(question, [value for value in raw if value != "other"])
    typed = form.get(f"q{question.id}_other", "").strip()[: kinds.OTHER_MAX]
    other = ""
    if question.options.get("other") and _other_chosen(question, raw, typed):
        other = typed
        if not other:
            raise AnswerError(api._("Say what “Other” is, or untick it."))
    count = len(chosen) + (1 if other else 0)
    if question.kind == kinds.SINGLE and count > 1:
        raise AnswerError(api._("Choose one option only."))
    if count == 0:
        return None
    _check_bounds(question, count)
    return {"choices": chosen, "other": other}


def _check_bounds(question: Question, count: int) -> None:
    low = question.options.get("min_choices") or 0
    high = question.options.get("max_choices") or 0
    if low and count < low:
        raise AnswerError(
            api.ngettext("Choose at least %(num)d option.", "Choose at least %(num)d options.", low)
        )
    if high and count > high:
        raise AnswerError(
            api.ngettext("Choose at most %(num)d option.", "Choose at most %(num)d options.", high)
        )


def _ranking(question: Question, form: MultiDict[str, str]) -> dict[str, Any] | None:
    choices = question.choices_of("choice")
    ranks: dict[int, int] = {}
    for choice in choices:
        raw = form.get(f"q{question.id}_c{choice.id}", "")
        if not raw:
            continue
        rank = api.as_int(raw)
        if rank is None or not 1 <= rank <= len(choices):
            raise AnswerError(api._("Give each rank a number from the list."))
        if rank in ranks.values():
            raise AnswerError(api._("Give each rank to one option only."))
        ranks[choice.id] = rank
    if not ranks:
        return None
    if sorted(ranks.values()) != list(range(1, len(ranks) + 1)):
        raise AnswerError(api._("Use the ranks in order, from 1, without a gap."))
    return {"ranking": sorted(ranks, key=ranks.__getitem__)}


def _matrix(question: Question, form: MultiDict[str, str]) -> dict[str, Any] | None:
    rows: dict[int, list[int]] = {}
    multiple = bool(question.options.get("multiple"))
    for row in question.choices_of("row"):
        chosen = _ids(question, [v for v in form.getlist(f"q{question.id}_r{row.id}") if v])
        if len(chosen) > 1 and not multiple:
            raise AnswerError(api._("Choose one option per row."))
        if chosen:
            rows[row.id] = chosen
    if not rows:
        return None
    if question.mandatory and len(rows) < len(question.choices_of("row")):
        raise AnswerError(api._("Answer every row."))
    return {"rows": rows}


def _scale(question: Question, form: MultiDict[str, str]) -> int | None:
    raw = form.get(f"q{question.id}", "")
    if not raw:
        return None
    point = api.as_int(raw)
    top = question.options.get("scale") or 5
    if point is None or not 1 <= point <= top:
        raise AnswerError(api._("Choose a point from 1 to %(high)d.", high=top))
    return point


def _number(question: Question, form: MultiDict[str, str]) -> Any:
    raw = form.get(f"q{question.id}", "").strip()
    if not raw:
        return None
    try:
        number = api.parse_decimal(raw, label="", minimum=-(10**12), maximum=10**12)
    except api.InvalidInput:
        raise AnswerError(api._("Enter a number, such as 12 or 3.5.")) from None
    low, high = question.options.get("minimum"), question.options.get("maximum")
    if low is not None and number < low:
        raise AnswerError(api._("Enter a number of at least %(low)s.", low=low))
    if high is not None and number > high:
        raise AnswerError(api._("Enter a number of at most %(high)s.", high=high))
    return number


def _date(question: Question, form: MultiDict[str, str]) -> dt.date | None:
    raw = form.get(f"q{question.id}", "").strip()
    if not raw:
        return None
    try:
        value = dt.date.fromisoformat(raw)
    except ValueError:
        raise AnswerError(api._("Enter a date as year-month-day, such as 2026-09-30.")) from None
    if not 1900 <= value.year <= 2200:
        raise AnswerError(api._("Enter a date between 1900 and 2200."))
    return value


def _file(question: Question, form: MultiDict[str, str]) -> dict[str, str] | None:
    from pnyx_surveys.answering.files import owned  # files imports this module's callers

    key = form.get(f"q{question.id}", "").strip()
    if not key:
        return None
    if owned(key, api.current_user()) is None:  # gone, or a key typed by someone else
        raise AnswerError(api._("The file was not received: send it again."))
    return {"file": key}


_READERS = {
    kinds.SHORT_TEXT: _text,
    kinds.LONG_TEXT: _text,
    kinds.SINGLE: _choices,
    kinds.MULTIPLE: _choices,
    kinds.RANKING: _ranking,
    kinds.MATRIX: _matrix,
    kinds.SCALE: _scale,
    kinds.NUMBER: _number,
    kinds.DATE: _date,
    kinds.FILE: _file,
}
