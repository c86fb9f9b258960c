"""A message flattened once (issue 22 item 7): the record's text and the delivered bytes
are exactly what the ``email`` package's two flattenings give, for messages of every
shape, and the outbox folder and the SMTP backend deliver them without flattening again."""

from __future__ import annotations

import smtplib
from collections.abc import Callable, Iterator
from email import generator, message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from flask import g
from sqlalchemy import select

from pnyx.jobs.runner import IN_JOB
from pnyx.mail import EXTENSION_KEY, OutboxFolder, SmtpBackend, build_message, deliver_with
from pnyx.mail_delivery import queue_message, send_again
from pnyx.mail_flatten import flatten
from pnyx.models import OutgoingMail

FRENCH = "Bonjour Zoé,\n\nVotre bulletin pour « Budget des Écoles » est déposé. Merci !\n"
POLISH = "Dzień dobry,\n\nTwój głos w budżecie obywatelskim został oddany: dziękujemy.\n"
LONG_8BIT = "Gardez ce code : une fois les résultats publiés, " * 4 + "\n"


def message(
    body: str = "Hello Ada,\n\nYour ballot is cast.\n",
    *,
    subject: str = "Your ballot is cast: Parks",
    **headers: str,
) -> EmailMessage:
    built = EmailMessage()
    built["From"] = "Ville de Saint-Étienne <participer@ville.example>"
    built["To"] = "ada@example.org"
    built["Subject"] = subject
    built["Date"] = "Mon, 07 Dec 2026 18:00:00 +0000"
    built["Message-ID"] = "<0123456789abcdef@ville.example>"
    for name, value in headers.items():
        built[name.replace("_", "-")] = value
    built.set_content(body)
    return built


def with_attachment(body: str, content: str | bytes) -> EmailMessage:
    built = message(body)
    if isinstance(content, str):
        built.add_attachment(content, subtype="calendar", filename="vote.ics")
    else:
        built.add_attachment(content, maintype="image", subtype="png", filename="map.png")
    return built


def latin1() -> EmailMessage:
    built = message()
    built.set_content("Café à Zürich\n", charset="iso-8859-1")
    return built


SHAPES: dict[str, Callable[[], EmailMessage]] = {
    "ascii": message,
    "french 8-bit": lambda: message(FRENCH, subject="Votre bulletin est déposé : Écoles"),
    "polish 8-bit": lambda: message(POLISH, subject="Głos oddany: Budżet"),
    "long 8-bit lines (quoted-printable)": lambda: message(LONG_8BIT),
    "long ascii subject": lambda: message(subject="Your ballot is cast: " + "Parks " * 30),
    "8-bit line starting with From": lambda: message("Zoé\nFrom the city hall: merci\n"),
    "carriage returns in the body": lambda: message("Zoé,\r\nmerci\rà bientôt\r\n"),
    "empty body": lambda: message(""),
    "bcc and cc": lambda: message(FRENCH, Cc="bob@example.org", Bcc="eve@example.org"),
    "multipart, 8-bit text attachment": lambda: with_attachment(FRENCH, "SUMMARY:Vote é\n"),
    "multipart, binary attachment": lambda: with_attachment("Hi\n", bytes(range(256))),
    "iso-8859-1 body": latin1,
}


@pytest.fixture
def flattenings(monkeypatch) -> list[object]:
    """Every message the ``email`` generator flattens (``as_string``, ``as_bytes``,
    ``smtplib``'s ``send_message``: all go through ``Generator.flatten``)."""
    seen: list[object] = []
    original = generator.Generator.flatten

    def counting(self, msg, *args, **kwargs):
        seen.append(msg)
        return original(self, msg, *args, **kwargs)

    monkeypatch.setattr(generator.Generator, "flatten", counting)
    return seen


@pytest.mark.parametrize("shape", SHAPES)
def test_flattened_once_gives_what_both_flattenings_give(shape: str) -> None:
    built = SHAPES[shape]()
    flat = flatten(built)
    # the same message: a multipart one gets its boundary, at random, when first flattened
    assert flat.text == built.as_string()
    assert flat.data == built.as_bytes()


@pytest.mark.parametrize(
    "shape", ["ascii", "french 8-bit", "polish 8-bit", "long 8-bit lines (quoted-printable)"]
)
def test_a_single_part_text_is_flattened_once(shape: str, flattenings: list[object]) -> None:
    flatten(SHAPES[shape]())
    assert len(flattenings) == 1


def test_the_8bit_case_is_covered_and_differs_between_record_and_delivery() -> None:
    flat = flatten(SHAPES["french 8-bit"]())
    assert b"Content-Transfer-Encoding: 8bit" in flat.data and "Zoé".encode() in flat.data
    assert "Content-Transfer-Encoding: base64" in flat.text and flat.text.isascii()


def test_the_outbox_folder_writes_the_bytes_without_flattening_again(
    tmp_path: Path, flattenings: list[object]
) -> None:
    built = SHAPES["french 8-bit"]()
    flat = flatten(built)
    deliver_with(OutboxFolder(tmp_path), built, flat.data)
    assert len(flattenings) == 1
    [written] = tmp_path.glob("*.eml")
    assert written.read_bytes() == built.as_bytes()


class RecordingSMTP(smtplib.SMTP):
    """An SMTP client that connects nowhere and keeps what it would send."""

    sent: list[tuple[str, list[str], bytes]] = []

    def __init__(self, host: str = "", port: int = 0, timeout: float = 0) -> None:
        super().__init__()  # no host: no connection

    def ehlo_or_helo_if_needed(self) -> None:
        pass

    def has_extn(self, opt: str) -> bool:
        return False

    def sendmail(self, from_addr, to_addrs, msg, mail_options=(), rcpt_options=()):
        RecordingSMTP.sent.append((from_addr, list(to_addrs), bytes(msg)))
        return {}


@pytest.fixture
def smtp(monkeypatch) -> Iterator[SmtpBackend]:
    RecordingSMTP.sent = []
    monkeypatch.setattr(smtplib, "SMTP", RecordingSMTP)
    yield SmtpBackend({"MAIL_SMTP_HOST": "smtp.example.org", "MAIL_SMTP_SECURITY": "none"})


@pytest.mark.parametrize("shape", SHAPES)
def test_smtp_sends_what_send_message_sends(shape: str, smtp: SmtpBackend) -> None:
    built = SHAPES[shape]()
    deliver_with(smtp, built, flatten(built).data)
    RecordingSMTP().send_message(built)  # smtplib's own flattening, for reference
    ours, reference = RecordingSMTP.sent
    assert ours == reference


def test_smtp_does_not_flatten_a_flattened_message_again(
    smtp: SmtpBackend, flattenings: list[object]
) -> None:
    built = SHAPES["french 8-bit"]()
    deliver_with(smtp, built, flatten(built).data)
    assert len(flattenings) == 1 and len(RecordingSMTP.sent) == 1
    assert RecordingSMTP.sent[0][:2] == ("participer@ville.example", ["ada@example.org"])


def test_a_keyed_message_from_a_job_is_flattened_once_and_kept_and_sent_unchanged(
    app, session, tmp_path: Path, flattenings: list[object]
) -> None:
    """The vote confirmation's path (``api.send_mail(message_key=…)`` from a job): one
    flattening a run; the record keeps ``as_string()``, the folder gets ``as_bytes()``;
    a second run sends nothing; an administrator's "send again" sends the same message."""
    app.extensions[EXTENSION_KEY] = OutboxFolder(tmp_path)

    def run_the_job() -> EmailMessage:
        with app.test_request_context():
            setattr(g, IN_JOB, True)
            built = build_message("zoe@example.org", "Bulletin déposé", FRENCH, key="vote:1")
            queue_message(built, "budgets/mail/voted.txt", keyed=True)
        return built

    first = run_the_job()
    assert flattenings == [first]
    run_the_job()  # a worker killed after the delivery: the record says it went
    assert len(flattenings) == 2
    record = session.scalars(select(OutgoingMail)).one()
    [delivered] = tmp_path.glob("*.eml")
    assert record.status == "sent" and record.message == first.as_string()
    assert delivered.read_bytes() == first.as_bytes()
    assert b"Content-Transfer-Encoding: 8bit" in delivered.read_bytes()

    record.status = "failed"
    session.commit()
    with app.test_request_context():
        setattr(g, IN_JOB, True)
        send_again(record)
    session.commit()
    again = [path for path in tmp_path.glob("*.eml") if path != delivered]
    sent_first, sent_again = (
        message_from_bytes(path.read_bytes(), policy=policy.default) for path in (delivered, *again)
    )
    assert sent_again["Message-ID"] == sent_first["Message-ID"] == record.message_id
    assert sent_again.get_content() == sent_first.get_content() == FRENCH
