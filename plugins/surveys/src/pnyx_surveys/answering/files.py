"""File answers (issue 15): private files, carried across the survey's pages without JavaScript.

A file question is asked only when the survey's staff switched on "Questions may ask for a
file" and the person is signed in: a file may name its sender (its content, its metadata),
and nobody could show an anonymous person their file again, so **anonymous respondents never
see file questions** (docs: plugins/surveys/README.md).

A file arrives with the page that asks for it (``q<id>_file``) and is **held** at once through
``api.attachments.hold``: private (only its sender and the survey's staff, ``surveys.manage``,
may open it), checked by content, within the question's size and kinds. The page then carries
its key in the ordinary answer field ``q<id>``, like any other answer: through *Next* and
*Previous*, and when the page comes back with another question's error, nothing is lost. The
last page **claims** the held files for the submission (owner ``surveys_submission``);
changing one's answers keeps the files still chosen and removes the others.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import request
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from pnyx import api
from pnyx_surveys import kinds
from pnyx_surveys.models import Question, Questionnaire, Submission
from pnyx_surveys.permissions import MANAGE

Attachment = api.attachments.Attachment

#: The owner type of a sent answer set's files.
SUBMISSION = "surveys_submission"


def files_allowed() -> bool:
    """Whether file questions show: the survey allows them and the person is signed in."""
    component = api.current_component()
    if component is None or component.type != "surveys" or api.current_user() is None:
        return False
    return bool(api.current_settings().get("file_uploads"))


def accepted(question: Question) -> set[str]:
    chosen = (question.options or {}).get("accept") or "documents"
    groups = kinds.FILE_GROUPS if chosen == "both" else {chosen: kinds.FILE_GROUPS[chosen]}
    return {name for names in groups.values() for name in names}


def limit(question: Question) -> int:
    megabytes = (question.options or {}).get("max_mb") or kinds.FILE_DEFAULT_MB
    return int(megabytes) * 1024 * 1024


def receive(
    questionnaire: Questionnaire, page: int, sent: MultiDict[str, str]
) -> tuple[MultiDict[str, str], dict[int, str]]:
    """Hold the files sent with ``page``: the form with their keys, and refusals by question.

    A refused file leaves the question's previous file in place; "remove" empties it. Held
    files are committed at once, so a page shown again with errors still carries them.
    """
    form: MultiDict[str, str] = MultiDict(sent)
    errors: dict[int, str] = {}
    user = api.current_user()
    if user is None or not 0 <= page < len(questionnaire.sections):
        return form, errors
    held = False
    for question in questionnaire.sections[page].questions:
        if question.kind != kinds.FILE:
            continue
        name = f"q{question.id}"
        if form.get(f"{name}_remove"):
            form.setlist(name, [])
        upload = request.files.get(f"{name}_file")
        if upload is None or not upload.filename or not files_allowed():
            continue
        try:
            attachment = api.attachments.hold(
                upload,
                user=user,
                space=api.current_component().space,
                component=api.current_component(),
                readers_action=MANAGE,
                limit=limit(question),
                accepted=accepted(question),
            )
        except api.attachments.AttachmentError as error:
            errors[question.id] = str(error)
            continue
        form.setlist(name, [attachment.key])
        held = True
    if held:
        api.db_session().commit()
    return form, errors


def owned(key: str, user: api.User | None) -> api.attachments.Attachment | None:
    """The file ``user`` sent under ``key`` (held, or already in their answers), or ``None``."""
    if user is None or not key:
        return None
    query = select(Attachment).where(
        Attachment.key == key,
        Attachment.uploaded_by_id == user.id,
        Attachment.owner_type.in_([api.attachments.HELD, SUBMISSION]),
    )
    return api.db_session().scalar(query)


def described(keys: Iterable[str]) -> dict[str, api.attachments.Attachment]:
    """The attachments under ``keys`` (for showing their names), in one query."""
    wanted = [key for key in keys if key]
    if not wanted:
        return {}
    query = select(Attachment).where(Attachment.key.in_(wanted))
    return {item.key: item for item in api.db_session().scalars(query)}


def shown_files(questions: Iterable[Question], form: MultiDict[str, str]) -> dict[int, Any]:
    """The files the page shows as received, by question id (the sender's own only)."""
    user = api.current_user()
    keys = {q.id: form.get(f"q{q.id}", "") for q in questions if q.kind == kinds.FILE}
    found = described(keys.values())
    return {
        qid: found[key]
        for qid, key in keys.items()
        if key in found and user is not None and found[key].uploaded_by_id == user.id
    }


def claim(session: Session, submission: Submission, values: dict[int, Any], by_id: dict) -> None:
    """Give the submission the files of its answers; remove the ones no longer chosen."""
    user = api.current_user()
    kept: set[str] = set()
    for question_id, value in values.items():
        if by_id[question_id].kind != kinds.FILE:
            continue
        attachment = owned(value["file"], user)
        if attachment is None:
            continue
        kept.add(attachment.key)
        if attachment.owner_type == api.attachments.HELD:
            api.attachments.claim(attachment, (SUBMISSION, submission.id))
    for attachment in api.attachments.private_files_of(SUBMISSION, submission.id):
        if attachment.key not in kept:
            api.attachments.remove(attachment)


def remove_for(session: Session, submission_ids: Iterable[int]) -> None:
    """Remove the files of these submissions (their answers are being deleted)."""
    for submission_id in submission_ids:
        api.attachments.remove_all(SUBMISSION, submission_id)


def submissions_of(session: Session, user: api.User) -> list[int]:
    return list(session.scalars(select(Submission.id).where(Submission.user_id == user.id)))


def limits_text(question: Question) -> str:
    """ "PDF, ODT… at most 5 MB.": what the question accepts, for its hint."""
    names = sorted({api.attachments.KINDS[name].extension.upper() for name in accepted(question)})
    megabytes = limit(question) // (1024 * 1024)
    return api.ngettext(
        "Accepted: %(kinds)s, at most %(num)d MB.",
        "Accepted: %(kinds)s, at most %(num)d MB.",
        megabytes,
        kinds=", ".join(names),
    )
