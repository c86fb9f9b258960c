"""The notification e-mails: one notification, or a digest, in the recipient's language.

Every message carries a one-click unsubscribe (``List-Unsubscribe`` and
``List-Unsubscribe-Post: List-Unsubscribe=One-Click``, RFC 8058) and a link to
the person's preferences in its body.
"""

from __future__ import annotations

from contextlib import nullcontext
from email.message import EmailMessage

from flask import current_app, render_template, request
from flask_babel import force_locale, ngettext

from pnyx.i18n import translated_with_language
from pnyx.mail import build_message, external_url
from pnyx.models import User
from pnyx.notifications.kinds import notification_kinds
from pnyx.notifications.models import DAILY, WEEKLY, Notification, NotificationPreference
from pnyx.notifications.unsubscribe_tokens import make_token


def absolute(path: str) -> str:
    """A link of this site for an e-mail (``PUBLIC_URL`` first, as :func:`external_url`)."""
    if not path or "://" in path:
        return path
    base = current_app.config.get("PUBLIC_URL") or request.host_url
    return str(base).rstrip("/") + "/" + path.lstrip("/")


def describe(note: Notification, locale: str | None) -> dict[str, str]:
    """A notification for a page or a message: what happened, to what, where to read it.

    ``title_language`` and ``detail_language`` are the languages the shown texts are in
    ('' when unknown), for ``|in_language`` on pages (a resident's Corsican comment, or a
    title shown in the organization's default language)."""
    kind = notification_kinds().get(note.kind)
    title, title_language = translated_with_language(note.title, locale)
    detail, detail_language = translated_with_language(note.detail, locale)
    return {
        "label": str(kind.label) if kind is not None else note.kind,
        "title": title,
        "title_language": title_language or "",
        "detail": detail,
        "detail_language": detail_language or "",
        "url": note.url,
    }


def add_unsubscribe(message: EmailMessage, url: str) -> None:
    message["List-Unsubscribe"] = f"<{url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"


def subject_for(frequency: str, items: list[dict[str, str]]) -> str:
    if frequency == DAILY:
        return ngettext(
            "Your daily summary: %(num)d notification",
            "Your daily summary: %(num)d notifications",
            len(items),
        )
    if frequency == WEEKLY:
        return ngettext(
            "Your weekly summary: %(num)d notification",
            "Your weekly summary: %(num)d notifications",
            len(items),
        )
    first = items[0]
    return f"{first['label']}: {first['title']}" if first["title"] else first["label"]


def notification_message(
    user: User,
    preference: NotificationPreference | None,
    frequency: str,
    notes: list[Notification],
    limit: int,
) -> EmailMessage:
    """The message that tells ``user`` about ``notes`` (newest first, at most ``limit``)."""
    with force_locale(user.locale) if user.locale else nullcontext():
        locale = user.locale
        items = [describe(note, locale) for note in notes[:limit]]
        for item in items:
            item["url"] = absolute(item["url"])
        token = make_token(user, preference, "notifications")
        unsubscribe_url = external_url("pnyx_notifications.unsubscribe", token=token)
        body = render_template(
            "pnyx/notifications/mail/notifications.txt",
            user=user,
            items=items,
            more=max(0, len(notes) - limit),
            centre_url=external_url("pnyx_notifications.centre"),
            preferences_url=external_url("pnyx_notifications.preferences"),
            unsubscribe_url=unsubscribe_url,
        )
        message = build_message(str(user.email), subject_for(frequency, items), body)
    add_unsubscribe(message, unsubscribe_url)
    return message
