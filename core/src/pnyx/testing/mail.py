"""Capturing the messages the app sends: the ``outbox`` fixture.

With it, every message :func:`pnyx.mail.send_mail` sends during the test is
kept in a list instead of reaching SMTP or the instance's outbox folder::

    def test_sign_up_sends_a_link(client, outbox):
        client.post_form("/sign-up", {...})
        assert outbox.last["To"] == "ada@example.org"
        client.get(outbox.link("/confirm-email/"))
"""

from __future__ import annotations

import re
from email.message import EmailMessage
from urllib.parse import urlsplit

import pytest
from flask import Flask

from pnyx.mail import EXTENSION_KEY

URL = re.compile(r"https?://\S+")


class Outbox(list[EmailMessage]):
    """The messages sent so far, oldest first; also the app's mail backend."""

    def deliver(self, message: EmailMessage) -> None:
        self.append(message)

    @property
    def last(self) -> EmailMessage:
        """The latest message (fails the test clearly when none was sent)."""
        assert self, "no message was sent"
        return self[-1]

    def to(self, address: str) -> list[EmailMessage]:
        """The messages sent to ``address``."""
        return [message for message in self if message["To"] == address]

    @staticmethod
    def body(message: EmailMessage) -> str:
        return message.get_content()

    def link(self, containing: str = "/", message: EmailMessage | None = None) -> str:
        """The path (and query) of the first link in ``message`` (default: the last one)
        whose URL contains ``containing``, ready for ``client.get``."""
        body = self.body(message if message is not None else self.last)
        for url in URL.findall(body):
            if containing in url:
                parts = urlsplit(url)
                return parts.path + (f"?{parts.query}" if parts.query else "")
        raise AssertionError(f"no link containing {containing!r} in:\n{body}")


def capture_mail(app: Flask) -> Outbox:
    """Make ``app`` send its messages to a new :class:`Outbox`, and return it."""
    outbox = Outbox()
    app.extensions[EXTENSION_KEY] = outbox
    return outbox


@pytest.fixture
def outbox(app: Flask) -> Outbox:
    """The messages the app sends during the test (see :class:`Outbox`)."""
    return capture_mail(app)
