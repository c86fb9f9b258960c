"""Keyed hashes of identities: census lines and unique ids of authorizations.

HMAC-SHA256 with the instance's verification key. Without the key, a stolen
database cannot be matched against a list of elector numbers and birth dates
(a plain hash of such short values is reversed by trying them all).

The key is ``VERIFICATION_SECRET`` when configured (``PNYX_VERIFICATION_SECRET``:
recommended in production, so that rotating the cookie key does not
invalidate every census hash), else derived from ``SECRET_KEY`` (which the
embedded default keeps in the instance folder). Every process of an instance
shares it, so hashes match whichever process computed them.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app

#: Separates the parts of an identity, so ("ab", "c") and ("a", "bc") differ.
SEPARATOR = "\x1f"


def verification_key() -> bytes:
    configured = current_app.config.get("VERIFICATION_SECRET")
    if configured:
        return str(configured).encode()
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, b"pnyx.verification.key", hashlib.sha256).digest()


def keyed_hash(kind: str, parts: list[str]) -> str:
    """The hex HMAC of ``parts`` (already normalised), domain-separated by ``kind``."""
    message = SEPARATOR.join([kind, *parts]).encode()
    return hmac.new(verification_key(), message, hashlib.sha256).hexdigest()
