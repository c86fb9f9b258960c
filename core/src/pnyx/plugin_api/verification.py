"""``api.verification``: verification handlers and a person's verifications (docs/verification.md).

A verification handler checks eligibility (birth date, residence, census);
an admin requires verifications for an action; the core keeps each person's
verification and asks the handler whether it meets the admin's options.
"""

from __future__ import annotations

from typing import Any

from pnyx.manifests import VerificationHandler as Handler
from pnyx.manifests import VerificationResult as Result
from pnyx.manifests import VerificationStatus as Status
from pnyx.models import User
from pnyx.verification import clock as _clock
from pnyx.verification.requirements import requirements_for
from pnyx.verification.requirements import user_authorizations as _user_verifications
from pnyx.verification.store import GrantOutcome, identity_hash
from pnyx.verification.store import grant_authorization as grant


def data(user: User | None, handler: str) -> dict[str, Any] | None:
    """The data of ``user``'s granted, unexpired verification with ``handler``, or ``None``.

    ``{"birth_date": "2010-01-15"}`` for ``birth_date``, ``{"territory_id": 12}`` for
    ``residence``; read from the permission engine's per-request cache. For figures a
    plugin records at the time of an action (the budgets plugin keeps an age bracket
    and a territory on a ballot, for turnout statistics); never copy it as an identity.
    """
    if user is None:
        return None
    found = _user_verifications(user).get(handler)
    if found is None or found.status != "ok" or found.is_expired(_clock.now()):
        return None
    return dict(found.data or {})


__all__ = [
    "GrantOutcome",
    "Handler",
    "Result",
    "Status",
    "data",
    "grant",
    "identity_hash",
    "requirements_for",
]
