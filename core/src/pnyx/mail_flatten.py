"""A message flattened once: the text its record keeps and the bytes delivered.

The record of a message (``outgoing_mails.message``) is its text as
``message.as_string()`` writes it; the outbox folder and the SMTP server receive
its bytes as ``message.as_bytes()`` writes them. The two differ for an 8-bit body
(a French or Polish text): the bytes carry it as it is, while the text — which must
stay 7-bit to be parsed back for a retry — carries it in base64. Each flattening
folds every header again, and the text's deep-copies the message twice: for a
vote's confirmation that was about a fifth of the web process's CPU per ballot
(issue 22 item 7, docs/performance.md). :func:`flatten` runs the ``email``
generator once, for the bytes, and derives the text from them where the two are
known to agree; anywhere else it asks the generator for the text too, so the
result is always what the two calls would give (``core/tests/test_mail_flatten.py``
compares them on messages of every shape).
"""

from __future__ import annotations

from dataclasses import dataclass
from email import base64mime
from email.message import EmailMessage

_EIGHT_BIT = "Content-Transfer-Encoding: 8bit"
_BASE64 = "Content-Transfer-Encoding: base64"


@dataclass(frozen=True)
class Flattened:
    """``text`` is ``message.as_string()``, ``data`` is ``message.as_bytes()``."""

    text: str
    data: bytes


def flatten(message: EmailMessage) -> Flattened:
    """The message's text and bytes, with one run of the ``email`` generator when its
    shape allows (every 7-bit message; a single-part UTF-8 text with an 8-bit body)."""
    data = message.as_bytes()
    if data.isascii():
        # Nothing 8-bit: the two generators take the same branches and write the same.
        return Flattened(data.decode("ascii"), data)
    text = _text_of_8bit_text(message, data)
    return Flattened(text if text is not None else message.as_string(), data)


def _text_of_8bit_text(message: EmailMessage, data: bytes) -> str | None:
    """What ``as_string()`` writes for a single-part UTF-8 text sent as 8-bit, or ``None``
    for any other shape.

    For such a body the string generator changes only two things (``email.generator``,
    ``_handle_text``): the ``Content-Transfer-Encoding`` header becomes ``base64``, in its
    place, and the body is the base64 of its UTF-8 bytes (``Charset.body_encode``, lines
    of 76). The headers are folded the same way by both generators.
    """
    if message.is_multipart() or message.get_content_maintype() != "text":
        return None
    if message.get_param("charset") != "utf-8":
        return None  # another charset has another body encoding: left to the generator
    head, separator, body = data.partition(b"\n\n")
    if not separator or not head.isascii():
        return None
    lines = head.decode("ascii").split("\n")
    if lines.count(_EIGHT_BIT) != 1:
        return None
    lines[lines.index(_EIGHT_BIT)] = _BASE64
    # The generator re-reads the body as text (invalid bytes replaced) before encoding it.
    encoded = base64mime.body_encode(body.decode("utf-8", "replace").encode("utf-8"))
    return "\n".join(lines) + "\n\n" + encoded
