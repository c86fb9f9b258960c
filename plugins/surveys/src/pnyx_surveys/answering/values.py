"""Answer values ↔ answer rows ↔ form fields.

:func:`rows` turns the values read from a form into :class:`Answer` rows (one
per atomic value); :func:`form_of` turns stored rows back into form fields, to
show a person their answers or let them change them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from werkzeug.datastructures import MultiDict

from pnyx_surveys import kinds
from pnyx_surveys.models import Answer, Question


def rows(question: Question, value: Any) -> Iterator[Answer]:
    """The answer rows of one question's value."""
    kind, qid = question.kind, question.id
    if kind in kinds.TEXTS:
        yield Answer(question_id=qid, text=value)
    elif kind in (kinds.SINGLE, kinds.MULTIPLE):
        for choice_id in value["choices"]:
            yield Answer(question_id=qid, choice_id=choice_id)
        if value.get("other"):
            yield Answer(question_id=qid, text=value["other"])
    elif kind == kinds.RANKING:
        for rank, choice_id in enumerate(value["ranking"], start=1):
            yield Answer(question_id=qid, choice_id=choice_id, rank=rank)
    elif kind == kinds.MATRIX:
        for row_id, choice_ids in value["rows"].items():
            for choice_id in choice_ids:
                yield Answer(question_id=qid, row_id=row_id, choice_id=choice_id)
    elif kind in (kinds.SCALE, kinds.NUMBER):
        yield Answer(question_id=qid, number=value)
    elif kind == kinds.DATE:
        yield Answer(question_id=qid, date=value)
    elif kind == kinds.FILE:
        yield Answer(question_id=qid, text=value["file"])  # the private attachment's key


def form_of(answers: Iterable[Answer], by_id: dict[int, Question]) -> MultiDict[str, str]:
    """Form fields that, read back, give the stored answers."""
    form: MultiDict[str, str] = MultiDict()
    for answer in answers:
        question = by_id.get(answer.question_id)
        if question is None:
            continue
        name = f"q{question.id}"
        if question.kind == kinds.RANKING:
            form.add(f"{name}_c{answer.choice_id}", str(answer.rank))
        elif question.kind == kinds.MATRIX:
            form.add(f"{name}_r{answer.row_id}", str(answer.choice_id))
        elif answer.choice_id is not None:
            form.add(name, str(answer.choice_id))
        elif question.kind in (kinds.SINGLE, kinds.MULTIPLE):
            form.add(name, "other")
            form.add(f"{name}_other", answer.text or "")
        elif answer.number is not None:
            form.add(name, _number(question, answer.number))
        elif answer.date is not None:
            form.add(name, answer.date.isoformat())
        else:
            form.add(name, answer.text or "")
    return form


def _number(question: Question, number: Any) -> str:
    if question.kind == kinds.SCALE:
        return str(int(number))
    text = format(number.normalize(), "f") if hasattr(number, "normalize") else str(number)
    return text


def display(question: Question, answers: list[Answer], label: Any) -> list[str]:
    """What a person answered, as lines to show on "your answers" (``label`` translates)."""
    return [line for line, _written in written_lines(question, answers, label)]


def written_lines(question: Question, answers: list[Answer], label: Any) -> list[tuple[str, bool]]:
    """:func:`display`'s lines, each with whether the person wrote it (a text answer, an
    "Other, please specify"): those are in the answer set's language, the choices' labels in
    the page's (WCAG 3.1.2)."""
    choices = {choice.id: choice for choice in question.choices}
    if question.kind == kinds.FILE:  # the file's name, never its key
        from pnyx_surveys.answering.files import described

        found = described(answer.text or "" for answer in answers)
        return [(found[a.text].filename, False) for a in answers if a.text in found]
    lines: list[tuple[str, bool]] = []
    for answer in sorted(answers, key=lambda a: (a.row_id or 0, a.rank or 0, a.id or 0)):
        chosen = label(choices[answer.choice_id].label) if answer.choice_id in choices else None
        if question.kind == kinds.RANKING and chosen:
            lines.append((f"{answer.rank}. {chosen}", False))
        elif question.kind == kinds.MATRIX and chosen and answer.row_id in choices:
            lines.append((f"{label(choices[answer.row_id].label)} — {chosen}", False))
        elif chosen:
            lines.append((chosen, False))
        elif answer.number is not None:
            lines.append((_number(question, answer.number), False))
        elif answer.date is not None:
            lines.append((answer.date.isoformat(), False))
        elif answer.text:
            lines.append((answer.text, True))
    return lines
