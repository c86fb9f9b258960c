"""Bounces and complaints: what the mail provider reports, and mail no longer sent.

The provider (or a small relay translating its format) posts JSON to
``POST /mail/bounces`` (docs/notifications.md#bounces), signed with a shared
secret (``PNYX_MAIL_WEBHOOK_SECRET``): the header ``X-Pnyx-Timestamp`` holds the
Unix time, ``X-Pnyx-Signature`` is ``sha256=`` and the hex HMAC-SHA256 of
``<timestamp>.<body>``. A signature that does not match, or a timestamp more than
five minutes away, is refused (401), so a report cannot be forged or replayed.

- a **hard bounce** (the address does not exist) marks the address: no
  notification, digest, newsletter or optional e-mail goes to it any more
  (:func:`is_bounced`); the person sees why on "Notifications I receive", and
  the mark goes when they change their address or say it works again;
- a **complaint** (the person pressed "this is spam") stops what they may stop:
  newsletters (consent withdrawn, dated) and notification e-mails;
- a **soft bounce** (a full mailbox, a server down) changes nothing: the mail job
  already retries.

Mails a person asks for (a sign-in link, a new password, confirming an address)
are always sent: asking proves the address works again.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Iterable
from typing import Any

from flask import current_app
from sqlalchemy import bindparam, func, select

from pnyx.action_log import log_action
from pnyx.db import get_session
from pnyx.models import User, utcnow
from pnyx.notifications.models import NEVER, NotificationPreference
from pnyx.notifications.preferences import set_newsletter_consent
from pnyx.notifications.preferences_store import preference_of

HARD, SOFT, COMPLAINT = "hard", "soft", "complaint"
#: How far the signed timestamp may be from now (seconds), against replays.
TOLERANCE = 300
#: The most events one report may carry.
MAX_EVENTS = 500
#: Core mails a person asked for: sent even to a bounced address.
ESSENTIAL_TEMPLATES = frozenset(
    {
        "confirm_email",
        "change_email",
        "email_changed",
        "reset_password",
        "password_changed",
        "sign_in_link",
        "account_exists",
        "export_ready",
    }
)
#: Whether mail to an address came back for good; built once (every delivery reads it).
_BOUNCED_AT = (
    select(NotificationPreference.bounced_at)
    .join(User, User.id == NotificationPreference.user_id)
    .where(func.lower(User.email) == bindparam("address"))
)


def secret() -> bytes | None:
    value = current_app.config.get("MAIL_WEBHOOK_SECRET")
    return str(value).encode() if value else None


def signature(key: bytes, timestamp: str, body: bytes) -> str:
    """``sha256=<hex>``: what the provider sends for ``body`` at ``timestamp``."""
    digest = hmac.new(key, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def signed(key: bytes, timestamp: str, sent: str, body: bytes) -> bool:
    """Whether ``sent`` signs ``body`` with ``key`` and ``timestamp`` is recent."""
    try:
        age = abs(time.time() - int(timestamp))
    except ValueError:
        return False
    return age <= TOLERANCE and hmac.compare_digest(signature(key, timestamp, body), sent)


def event_kind(event: dict[str, Any]) -> str | None:
    """``hard``, ``soft``, ``complaint``, or ``None`` for an event this does not understand."""
    if event.get("type") == "complaint":
        return COMPLAINT
    if event.get("type") == "bounce":
        return HARD if event.get("bounce_type", HARD) == HARD else SOFT
    return None


def record(events: Iterable[dict[str, Any]]) -> dict[str, int]:
    """Apply the events (the caller commits); how many of each kind changed an account."""
    session = get_session()
    counts = {HARD: 0, SOFT: 0, COMPLAINT: 0, "unknown": 0}
    for event in events:
        kind = event_kind(event)
        email = str(event.get("email") or "").strip().lower()
        user = _user_by_email(email) if email and len(email) <= 254 else None
        if kind is None or user is None:
            counts["unknown"] += 1
            continue
        counts[kind] += 1
        if kind == SOFT:
            continue
        preference = preference_of(session, user)
        if kind == HARD:
            preference.bounced_at = preference.bounced_at or utcnow()
        else:
            set_newsletter_consent(preference, False)
            preference.email_frequency = NEVER
            preference.kind_frequencies = {}
        preference.updated_at = utcnow()
        log_action(
            session,
            "pnyx.account.mail_bounced" if kind == HARD else "pnyx.account.mail_complaint",
            resource=("user", user.id),
            visibility="private",
        )
    return counts


def _user_by_email(email: str) -> User | None:
    query = select(User).where(func.lower(User.email) == email, User.deleted_at.is_(None))
    return get_session().scalar(query)


def is_bounced(address: str) -> bool:
    """Whether mail to ``address`` came back for good (one query)."""
    return get_session().scalar(_BOUNCED_AT, {"address": address.strip().lower()}) is not None


def skip_bounced(address: str, template: str) -> bool:
    """Whether ``send_mail`` leaves this message out: not essential, to a bounced address."""
    name = template.removeprefix("pnyx/mail/").removesuffix(".txt")
    return name not in ESSENTIAL_TEMPLATES and is_bounced(address)


def mail_works_again(user: User) -> None:
    """The person says their address works (or changed it): mail goes to it again."""
    preference = get_session().get(NotificationPreference, user.id)
    if preference is not None and preference.bounced_at is not None:
        preference.bounced_at = None
        preference.updated_at = utcnow()
