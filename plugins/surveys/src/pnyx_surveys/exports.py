"""Every answer set as CSV or JSON, streamed: memory stays flat whatever their number.

Submissions are read 1 000 at a time by keyset (``id > last``), with their
answers in one query of plain columns per batch (no ORM object per answer),
turned into rows and written as they come. One row per person; one column per
question (a ranking: one per choice, holding its rank; a matrix: one per row;
"other, please specify": its own column). Texts in the reader's language are
read once, before the stream starts.

No personal data unless asked for by an organization admin: the default file
has the submission's number, dates and the language its free texts are written in
(``language``, '' when unknown) only. With ``personal=1`` an
organization admin also gets each respondent's account id, name and e-mail
address (anonymous answers have none).
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_surveys import kinds
from pnyx_surveys.models import Answer, Question, Questionnaire, Submission
from pnyx_surveys.questionnaires import questions

BATCH = 1000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Column = tuple[str, Callable[[list[Any]], Any]]


def columns(questionnaire: Questionnaire, label: Callable[[Any], str]) -> list[Column]:
    """``(header, value from the question's answer tuples)`` for every answer column."""
    found: list[Column] = []
    for number, question in enumerate(questions(questionnaire), start=1):
        found.extend(_question_columns(number, question, label))
    return found


def _question_columns(number: int, question: Question, label: Callable[[Any], str]) -> list[Column]:
    head = f"Q{number} {label(question.text)}"
    names = {choice.id: label(choice.label) for choice in question.choices}
    qid = question.id
    if question.kind == kinds.RANKING:
        return [
            (
                f"{head} [{names[c.id]}]",
                _pick(qid, lambda a, cid=c.id: a[3] if a[1] == cid else None),
            )
            for c in question.choices_of("choice")
        ]
    if question.kind == kinds.MATRIX:
        return [
            (
                f"{head} [{names[r.id]}]",
                _pick(qid, lambda a, rid=r.id: names.get(a[1]) if a[2] == rid else None),
            )
            for r in question.choices_of("row")
        ]
    if question.kind == kinds.FILE:  # the file's address: staff open it signed in
        return [(head, _pick(qid, lambda a: _file_address(a[4])))]
    if question.kind in (kinds.SINGLE, kinds.MULTIPLE):
        found = [(head, _pick(qid, lambda a: names.get(a[1])))]
        if question.options.get("other"):
            found.append((f"{head} [other]", _pick(qid, lambda a: a[4] if a[1] is None else None)))
        return found
    return [(head, _pick(qid, _plain))]


def _file_address(key: str | None) -> str | None:
    """``/files/<key>``: private, opened by the survey's staff and the sender only."""
    return f"/files/{key}" if key else None


def _plain(answer: tuple[Any, ...]) -> Any:
    _, _, _, _, text, number, date = answer
    if number is not None:
        return int(number) if number == int(number) else float(number)
    if date is not None:
        return date.isoformat()
    return text


def _pick(question_id: int, value: Callable[[tuple[Any, ...]], Any]) -> Callable[[Any], Any]:
    """The column's value: the values of the question's answers, joined when several."""

    def read(by_question: dict[int, list[tuple[Any, ...]]]) -> Any:
        values = [v for a in by_question.get(question_id, ()) if (v := value(a)) is not None]
        if not values:
            return None
        return values[0] if len(values) == 1 else " | ".join(str(v) for v in values)

    return read


def records(
    session: Session, questionnaire_id: int, cols: list[Column], personal: bool
) -> Iterator[dict[str, Any]]:
    """One dict per submission, in id order, read by batches (plain columns: the session's
    identity map stays empty, so memory does not grow with the number of answers)."""
    last = 0
    while True:
        batch = session.execute(
            select(
                Submission.id,
                Submission.created_at,
                Submission.updated_at,
                Submission.user_id,
                Submission.language,
            )
            .where(Submission.questionnaire_id == questionnaire_id, Submission.id > last)
            .order_by(Submission.id)
            .limit(BATCH)
        ).all()
        if not batch:
            return
        answers = _answers_of(session, [row[0] for row in batch])
        people = _people(session, [row[3] for row in batch]) if personal else {}
        for submission_id, created, updated, user_id, language in batch:
            record: dict[str, Any] = {
                "submission": submission_id,
                "created_at": created.isoformat(),
                "updated_at": updated.isoformat(),
                "language": language,
            }
            if personal:
                name, email = people.get(user_id, (None, None))
                record.update({"user_id": user_id, "name": name, "email": email})
            by_question = answers.get(submission_id, {})
            for header, value in cols:
                record[header] = value(by_question)
            yield record
        last = batch[-1][0]


def _answers_of(session: Session, ids: list[int]) -> dict[int, dict[int, list[tuple[Any, ...]]]]:
    query = select(
        Answer.submission_id,
        Answer.question_id,
        Answer.choice_id,
        Answer.row_id,
        Answer.rank,
        Answer.text,
        Answer.number,
        Answer.date,
    ).where(Answer.submission_id.in_(ids))
    found: dict[int, dict[int, list[tuple[Any, ...]]]] = defaultdict(lambda: defaultdict(list))
    for submission_id, question_id, choice_id, row_id, rank, text, number, date in session.execute(
        query
    ):
        # (question, choice, row, rank, text, number, date): what the column readers take.
        found[submission_id][question_id].append(
            (question_id, choice_id, row_id, rank, text, number, date)
        )
    return found


def _people(session: Session, user_ids: list[int | None]) -> dict[int, tuple[str, str]]:
    ids = [user_id for user_id in user_ids if user_id is not None]
    if not ids:
        return {}
    query = select(api.User.id, api.User.name, api.User.email).where(api.User.id.in_(ids))
    return {user_id: (name, email) for user_id, name, email in session.execute(query)}


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_chunks(records: Iterator[dict[str, Any]], headers: list[str]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for count, record in enumerate(records, start=1):
        writer.writerow([_safe(record.get(header)) for header in headers])
        if count % 200 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_chunks(records: Iterator[dict[str, Any]]) -> Iterator[str]:
    yield "["
    for count, record in enumerate(records):
        yield ("," if count else "") + "\n" + json.dumps(record, ensure_ascii=False)
    yield "\n]\n"
