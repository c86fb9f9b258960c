"""Receipt codes, and the anonymous ballot ids published with the results.

A voter gets a receipt code at checkout (16 random characters from an
alphabet without look-alikes: about 80 bits). The published anonymised
ballots carry ``anonymous_id(code)``, a hash of it: only the holder of the
code can find their ballot there, and nobody can go from a published ballot
back to a code or a person.
"""

from __future__ import annotations

import hashlib
import secrets

#: No 0/O, 1/I/L: codes are copied by hand.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 16
GROUP = 4


def new_code() -> str:
    """``"K7QF-3M9X-A2ZD-PW8R"``: random, grouped for reading aloud."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + GROUP] for i in range(0, LENGTH, GROUP))


def normalise(typed: str) -> str:
    """What a person typed, as a stored code: case, spaces and dashes forgiven."""
    raw = "".join(ch for ch in typed.upper() if ch.isascii() and ch.isalnum())[: LENGTH * 2]
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def anonymous_id(code: str) -> str:
    """The ballot's id in the published anonymised ballots (16 hex digits)."""
    return hashlib.sha256(f"pnyx-budgets-receipt:{code}".encode()).hexdigest()[:16]
