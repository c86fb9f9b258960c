"""What a new password must be: at least 10 characters, not built on the person's
e-mail address or name, and not one of the 10 000 most common passwords.

The common passwords come from ``data/common_passwords.txt``; its header says
where the list comes from (Django's list, BSD licence) and carries the notice.
Comparisons ignore case and accents, so "Hélène2026!!" counts as containing
the name "helene".
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from flask_babel import gettext as _
from flask_babel import ngettext

from pnyx.accounts.sessions import MAX_PASSWORD_LENGTH

MIN_LENGTH = 10
#: Parts of a name or address shorter than this are too common to forbid ("li", "jo").
MIN_PART_LENGTH = 4
COMMON_PASSWORDS_FILE = Path(__file__).parent / "data" / "common_passwords.txt"
_SEPARATORS = re.compile(r"[^\w]+|_")


@functools.cache
def common_passwords() -> frozenset[str]:
    """The bundled list, lowercased (read once per process)."""
    text = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8")
    _header, _blank, body = text.partition("\n\n")
    return frozenset(line for line in body.splitlines() if line)


def simplified(text: str) -> str:
    """Lowercase, without accents: the form passwords and names are compared in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def personal_parts(email: str, name: str) -> set[str]:
    """The pieces of the address's local part and of the name a password must not contain."""
    local_part = email.partition("@")[0]
    parts = {simplified(local_part), simplified(name).replace(" ", "")}
    for text in (local_part, name):
        parts.update(simplified(piece) for piece in _SEPARATORS.split(text))
    return {part for part in parts if len(part) >= MIN_PART_LENGTH}


def password_problems(password: str, *, email: str, name: str) -> list[str]:
    """Every rule ``password`` breaks, as sentences to show next to the field."""
    if len(password) < MIN_LENGTH:
        return [
            ngettext(
                "Use at least %(num)d character.",
                "Use at least %(num)d characters.",
                MIN_LENGTH,
            )
        ]
    if len(password) > MAX_PASSWORD_LENGTH:
        return [
            ngettext(
                "Use at most %(num)d character.",
                "Use at most %(num)d characters.",
                MAX_PASSWORD_LENGTH,
            )
        ]
    problems = []
    flat = simplified(password)
    if any(part in flat for part in personal_parts(email, name)):
        problems.append(_("Do not use your name or your e-mail address in your password."))
    if password.casefold() in common_passwords() or flat in common_passwords():
        problems.append(_("This password is too common: choose another one."))
    return problems
