"""The three verification handlers the core ships: birth date, residence, census."""

from __future__ import annotations

from pnyx.manifests import AuthorizationHandler


def core_handlers() -> list[AuthorizationHandler]:
    """The core's handlers, registered by ``pnyx.core_hooks``."""
    from pnyx.verification.handlers import birth_date, census, residence

    return [birth_date.HANDLER, residence.HANDLER, census.HANDLER]
