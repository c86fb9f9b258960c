"""Brute-force protection that never locks the owner out.

Before, ten wrong passwords for an address (from anywhere) made every sign-in
with it wait an hour, even the owner's with the right password: anyone could
lock anyone out. Now wrong passwords for an account make its next attempts
wait, doubling from one second after :data:`FREE_FAILURES` failures up to
:data:`MAX_DELAY` (a guess every quarter of an hour at most), and the owner
always has a way in that an outsider cannot block: a sign-in link sent to the
account's address (:mod:`pnyx.accounts.sign_in_link`), which also clears the
back-off. Failures from one address are still limited by ``RATE_LIMIT_SIGN_IN``.

Counters live in the rate limiter's storage (Redis when ``PNYX_REDIS_URL`` is
set, else this process's memory), keyed by a digest of the address: the same
for addresses with and without an account, so nothing tells them apart.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time

from flask import current_app

from pnyx.ratelimit import EXTENSION_KEY

log = logging.getLogger(__name__)

#: Wrong passwords for one account before its attempts start to wait.
FREE_FAILURES = 5
#: The longest wait between two attempts for one account, in seconds.
MAX_DELAY = 15 * 60
#: Failures are forgotten this long after the first of them, in seconds.
WINDOW = 24 * 3600


def _keys(email: str) -> tuple[str, str]:
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return f"pnyx/sign-in-failures/{digest}", f"pnyx/sign-in-wait/{digest}"


def _storage():  # type: ignore[no-untyped-def]
    return current_app.extensions[EXTENSION_KEY].storage


def wait_seconds(email: str) -> int:
    """How long the account of ``email`` must wait before its next attempt (0: none)."""
    _failures, wait = _keys(email)
    try:
        storage = _storage()
        if storage.get(wait) <= 0:
            return 0
        return max(1, math.ceil(storage.get_expiry(wait) - time.time()))
    except Exception:  # Redis down: the per-address limits still apply
        log.warning("sign-in back-off unavailable", exc_info=True)
        return 0


def record_failure(email: str) -> None:
    """Count a wrong password for ``email``; from :data:`FREE_FAILURES` on, make it wait."""
    failures, wait = _keys(email)
    try:
        storage = _storage()
        count = storage.incr(failures, WINDOW)
        if count >= FREE_FAILURES:
            delay = min(2 ** (count - FREE_FAILURES), MAX_DELAY)
            storage.clear(wait)
            storage.incr(wait, delay)
    except Exception:
        log.warning("sign-in back-off unavailable", exc_info=True)


def clear(email: str) -> None:
    """The owner got in (right password after the wait, or a sign-in link): start afresh."""
    try:
        storage = _storage()
        for key in _keys(email):
            storage.clear(key)
    except Exception:
        log.warning("sign-in back-off unavailable", exc_info=True)
