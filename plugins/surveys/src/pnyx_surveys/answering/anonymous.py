"""Anonymous answers: one per browser session, a small question against robots.

Nothing identifying is stored. The browser's signed session cookie holds a
random token; the submission holds ``HMAC(secret key, survey id, token)``,
which tells a second answer from the same session apart and nothing else —
no address, no account, no time more precise than the answer's own. Limits,
written down in the plugin's README: a person who clears their cookies (or
opens a private window) can answer again; the rate limit on the answer form
(per address, counted in memory or Redis, never in the database) and the
question slow a script down, they do not stop a determined person.
"""

from __future__ import annotations

import hashlib
import hmac
import random
import secrets

from flask import current_app, request, session
from itsdangerous import BadSignature, URLSafeTimedSerializer

TOKEN_KEY = "surveys_token"
PROOF_SALT = "pnyx-surveys-proof"
PROOF_MAX_AGE = 3 * 3600


def anonymous_key(questionnaire_id: int) -> str:
    """The keyed hash of this browser session for ``questionnaire_id``."""
    token = session.get(TOKEN_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(24)
        session[TOKEN_KEY] = token
    secret = str(current_app.config["SECRET_KEY"]).encode()
    message = f"surveys:{questionnaire_id}:{token}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=PROOF_SALT)


def new_proof() -> tuple[int, int, str]:
    """Two small numbers and the signed token that remembers them."""
    first, second = random.randint(2, 9), random.randint(2, 9)
    return first, second, _serializer().dumps([first, second])


def proof_numbers(token: str) -> tuple[int, int] | None:
    """The numbers a token was made for, or ``None`` if it is forged or too old."""
    try:
        first, second = _serializer().loads(token, max_age=PROOF_MAX_AGE)
    except (BadSignature, ValueError, TypeError):
        return None
    return int(first), int(second)


def proof_passes(token: str, answer: str) -> bool:
    numbers = proof_numbers(token)
    return numbers is not None and answer.strip() == str(sum(numbers))


def hashed_address() -> str:
    """The client's address, keyed and hashed: the rate limiter's counter names no address."""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    address = (request.remote_addr or "unknown").encode()
    return "ip:" + hmac.new(secret, address, hashlib.sha256).hexdigest()[:32]
