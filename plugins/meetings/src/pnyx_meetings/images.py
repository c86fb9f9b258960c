"""A meeting's image: on its card in lists and as its page's banner (issue 18 item 6).

Stored through ``api.attachments`` as the meeting's cover (checked by content,
re-encoded, two thumbnails: ``small`` for cards, ``medium`` for the banner), with
an alternative text in the organization's languages, required with an image.
"""

from __future__ import annotations

from flask import request

from pnyx import api
from pnyx_meetings.forms import Form
from pnyx_meetings.models import Meeting
from pnyx_meetings.resources import RESOURCE_TYPE


def _upload() -> object | None:
    upload = request.files.get("image")
    return upload if upload is not None and upload.filename else None


def alt_texts(form: Form) -> dict[str, str]:
    """The alternative text typed in each language (``image_alt-<locale>``)."""
    return {
        name.removeprefix("image_alt-"): value.strip()
        for name, value in form.raw.items()
        if name.startswith("image_alt-") and value.strip()
    }


def check(form: Form) -> None:
    """Before anything is saved: an image needs its alternative text."""
    if _upload() is not None and not alt_texts(form):
        form.errors["image"] = api._(
            "Describe the image in a few words for people who cannot see it (alt text)."
        )


def save(meeting: Meeting, form: Form) -> bool:
    """Store the uploaded image as ``meeting``'s cover, or remove the current one when asked;
    ``False`` with ``form.errors["image"]`` when the file is refused (the caller rolls back)."""
    upload = _upload()
    if upload is None:
        if form.raw.get("remove_image"):
            current = api.attachments.cover(RESOURCE_TYPE, meeting.id)
            if current is not None:
                api.attachments.remove(current)
        else:
            _update_alt(meeting, form)
        return True
    component = api.current_component()
    try:
        api.attachments.attach(
            upload,  # type: ignore[arg-type]
            (RESOURCE_TYPE, meeting.id),
            space=component.space,
            component=component,
            alt=alt_texts(form),
            cover=True,
            user=api.current_user(),
        )
    except api.attachments.AttachmentError as error:
        form.errors["image"] = str(error)
        return False
    return True


def _update_alt(meeting: Meeting, form: Form) -> None:
    """Corrected alternative texts apply to the current image (never emptied)."""
    texts = alt_texts(form)
    current = api.attachments.cover(RESOURCE_TYPE, meeting.id) if texts else None
    if current is not None and texts != current.alt:
        current.alt = texts


def fill(form: Form, meeting: Meeting | None) -> None:
    """Put the current image's alternative texts in a form shown for editing."""
    if meeting is None:
        return
    current = api.attachments.cover(RESOURCE_TYPE, meeting.id)
    for code, text in (current.alt if current else {}).items():
        form.raw.setdefault(f"image_alt-{code}", text)
