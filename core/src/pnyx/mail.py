"""The mail service: every message the platform sends goes through :func:`send_mail`.

Where messages go depends on the configuration:

- ``PNYX_MAIL_SMTP_HOST`` set: to that SMTP server (``MAIL_SMTP_PORT``,
  ``MAIL_SMTP_USERNAME``, ``MAIL_SMTP_PASSWORD``, ``MAIL_SMTP_SECURITY`` =
  ``starttls`` (default), ``ssl`` or ``none``);
- otherwise: each message is written as an ``.eml`` file to
  ``<instance>/outbox/``, so the embedded default needs no mail server and a
  developer reads what would have been sent;
- in tests, the kit's ``outbox`` fixture captures them in a list.

The backend is chosen on first use and kept in ``app.extensions["pnyx.mail"]``.
Bodies are plain-text templates (``templates/pnyx/mail/*.txt``) rendered in the
recipient's language. Delivery is a background job (``pnyx.mail_delivery``,
docs/jobs.md): never inside the request, retried, and kept when it fails.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import secrets
import smtplib
import ssl
from collections.abc import Iterable, Iterator
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, getaddresses, make_msgid
from pathlib import Path
from typing import Any, Protocol

from flask import Flask, current_app, render_template, url_for
from flask_babel import force_locale

from pnyx.mail_delivery import queue_message
from pnyx.models import utcnow
from pnyx.templating import organization_name

log = logging.getLogger(__name__)

EXTENSION_KEY = "pnyx.mail"
SMTP_TIMEOUT_SECONDS = 15
SECURITY_MODES = ("starttls", "ssl", "none")


class MailBackend(Protocol):
    """Something that delivers a finished message (SMTP, a folder, a test's list).

    A backend may also offer ``deliver_flattened(message, data)``, ``data`` being
    ``message.as_bytes()`` already written (:mod:`pnyx.mail_flatten`): the message is
    then not flattened a second time (:func:`deliver_with`).
    """

    def deliver(self, message: EmailMessage) -> None: ...


def deliver_with(backend: MailBackend, message: EmailMessage, data: bytes | None) -> None:
    """Deliver ``message`` through ``backend``, handing it ``data`` (the message's bytes,
    flattened already) when it can use them."""
    deliver_flattened = getattr(backend, "deliver_flattened", None)
    if data is not None and deliver_flattened is not None:
        deliver_flattened(message, data)
    else:
        backend.deliver(message)


class SmtpBackend:
    """Delivers through an SMTP server, one connection per message."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.host: str = config["MAIL_SMTP_HOST"]
        self.port = int(config.get("MAIL_SMTP_PORT") or 587)
        self.username: str | None = config.get("MAIL_SMTP_USERNAME")
        self.password: str | None = config.get("MAIL_SMTP_PASSWORD")
        self.security: str = config.get("MAIL_SMTP_SECURITY") or "starttls"
        if self.security not in SECURITY_MODES:
            raise ValueError(f"MAIL_SMTP_SECURITY must be one of {', '.join(SECURITY_MODES)}")

    def deliver(self, message: EmailMessage) -> None:
        with self._session() as connection:
            connection.send_message(message)

    def deliver_flattened(self, message: EmailMessage, data: bytes) -> None:
        """Send ``data`` (``message.as_bytes()``) as ``send_message`` would send the
        message, without flattening it again; ``send_message`` itself where the two
        could differ (:func:`smtp_envelope`)."""
        envelope = smtp_envelope(message, data)
        with self._session() as connection:
            if envelope is None:
                connection.send_message(message)
            else:
                sender, recipients = envelope
                connection.sendmail(sender, recipients, data.replace(b"\n", b"\r\n"))

    @contextlib.contextmanager
    def _session(self) -> Iterator[smtplib.SMTP]:
        """A connection, secured and logged in; closed (``QUIT``) on leaving."""
        context = ssl.create_default_context()
        if self.security == "ssl":
            connection: smtplib.SMTP = smtplib.SMTP_SSL(
                self.host, self.port, timeout=SMTP_TIMEOUT_SECONDS, context=context
            )
        else:
            connection = smtplib.SMTP(self.host, self.port, timeout=SMTP_TIMEOUT_SECONDS)
        with connection:
            if self.security == "starttls":
                connection.starttls(context=context)
            if self.username:
                connection.login(self.username, self.password or "")
            yield connection


#: A line ``send_message`` would write as ``>From `` (its generator mangles them).
_FROM_LINE = re.compile(rb"^From ", re.MULTILINE)


def smtp_envelope(message: EmailMessage, data: bytes) -> tuple[str, list[str]] | None:
    """The sender and recipients ``smtplib``'s ``send_message`` would use, when the bytes
    it would send are ``data`` with CRLF line ends; ``None`` when they could differ.

    ``send_message`` flattens the message with CRLF, drops ``Bcc`` headers, writes a body
    line starting with ``From `` as ``>From `` and switches to SMTPUTF8 for non-ASCII
    addresses; the messages Pnyx builds have none of these, and any that has is left to it.
    """
    if any(name in message for name in ("Resent-Date", "Bcc", "Resent-Bcc")):
        return None
    if b"\r" in data or _FROM_LINE.search(data):
        return None
    sender_field = message["Sender"] if "Sender" in message else message["From"]
    sender = getaddresses([sender_field])[0][1]
    fields = [f for f in (message["To"], message["Bcc"], message["Cc"]) if f is not None]
    recipients = [address for _name, address in getaddresses(fields)]
    if not "".join([sender, *recipients]).isascii():
        return None
    return sender, recipients


class OutboxFolder:
    """Writes each message to ``folder`` as ``<time>-<random>.eml`` (the embedded default)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def deliver(self, message: EmailMessage) -> None:
        self.deliver_flattened(message, message.as_bytes())

    def deliver_flattened(self, message: EmailMessage, data: bytes) -> None:
        """Write ``data``, the message's bytes (``message.as_bytes()``)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{utcnow():%Y%m%dT%H%M%S%f}-{secrets.token_hex(4)}.eml"
        partial = self.folder / f".{name}.part"
        partial.write_bytes(data)
        # Readers of the folder never see a half-written message.
        os.replace(partial, self.folder / name)


def make_backend(app: Flask) -> MailBackend:
    """SMTP when ``MAIL_SMTP_HOST`` is configured, else the instance's outbox folder."""
    if app.config.get("MAIL_SMTP_HOST"):
        return SmtpBackend(app.config)
    return OutboxFolder(Path(app.config["INSTANCE_PATH"]) / "outbox")


def mail_backend(app: Flask | None = None) -> MailBackend:
    """The app's backend, chosen on first use."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    if EXTENSION_KEY not in app.extensions:
        app.extensions[EXTENSION_KEY] = make_backend(app)
    return app.extensions[EXTENSION_KEY]


def sender_address() -> str:
    """``"City name <MAIL_FROM>"``: the organization's name shows as the sender."""
    return formataddr((organization_name(), current_app.config.get("MAIL_FROM") or ""))


def external_url(endpoint: str, **values: Any) -> str:
    """An absolute link for a message.

    ``PUBLIC_URL`` (e.g. ``https://participez.ville.fr``) is used when set, so
    a forged ``Host`` header can never put someone else's site in a link.
    """
    base = current_app.config.get("PUBLIC_URL")
    if base:
        return str(base).rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def build_message(to: str, subject: str, body: str, *, key: str | None = None) -> EmailMessage:
    """A message; ``key`` (unique to what it tells) makes its ``Message-ID`` the same each
    time, so that a job run twice delivers it once (:mod:`pnyx.mail_delivery`)."""
    message = EmailMessage()
    message["From"] = sender_address()
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(utcnow())
    domain = (current_app.config.get("MAIL_FROM") or "").rpartition("@")[2] or None
    message["Message-ID"] = make_msgid(domain=domain) if key is None else keyed_id(key, domain)
    message.set_content(body)
    return message


def keyed_id(key: str, domain: str | None) -> str:
    """A ``Message-ID`` derived from ``key`` and the instance's secret (no key shows)."""
    secret = str(current_app.config.get("SECRET_KEY") or "")
    digest = hashlib.sha256(f"{secret}\0{key}".encode()).hexdigest()[:40]
    return f"<{digest}@{domain or 'localhost'}>"


def send_mail(
    to: str, subject: Any, template: str, *, locale: str | None = None, **context: Any
) -> bool:
    """Render ``templates/pnyx/mail/<template>.txt`` and send it to ``to``.

    ``subject`` may be a lazy string: it is rendered, like the body, in
    ``locale`` (the recipient's language; the current one when ``None``).
    The message is delivered by a background job (:mod:`pnyx.mail_delivery`:
    after the request's commit, with retries; a message that never goes is
    kept for administrators), so this returns ``True`` once it is queued.
    """
    with force_locale(locale) if locale else contextlib.nullcontext():
        body = render_template(f"pnyx/mail/{template}.txt", **context)
        message = build_message(to, str(subject), body)
    return queue_message(message, template)


def send_template_mail(
    to: str,
    subject: Any,
    template: str,
    *,
    locale: str | None = None,
    attachments: Iterable[tuple[str, str, str | bytes]] = (),
    message_key: str | None = None,
    **context: Any,
) -> bool:
    """Send an e-mail whose plain-text body is a plugin's template, with attachments
    (``api.send_mail``).

    Like the core's mail service (SMTP, the instance's outbox folder, the
    tests' ``outbox``), but ``template`` is a full template name of the plugin
    (``"meetings/mail/registered.txt"``) and ``attachments`` are
    ``(filename, mimetype, content)`` triples (``("meeting.ics",
    "text/calendar", text)``). Subject and body are rendered in ``locale`` (the
    recipient's). Delivery is a background job (after the request's commit,
    retried, kept for administrators when it fails); returns ``True`` once queued.
    ``message_key``, a text unique to what the message tells (``"budgets-vote-12"``),
    makes it idempotent: sent again with the same key (a job run twice), it is
    delivered once; sent from a job, it is delivered by that job (no second job: a
    delivery failure raises, and the job's retry sends it).
    """
    with force_locale(locale) if locale else contextlib.nullcontext():
        body = render_template(template, **context)
        message = build_message(to, str(subject), body, key=message_key)
    for filename, mimetype, content in attachments:
        maintype, _slash, subtype = mimetype.partition("/")
        if maintype == "text":
            text = content.decode() if isinstance(content, bytes) else content
            message.add_attachment(text, subtype=subtype, filename=filename)
        else:
            data = content.encode() if isinstance(content, str) else content
            message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return queue_message(message, template, keyed=message_key is not None)
