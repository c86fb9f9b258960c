"""The core's admin menu entries; each admin module adds its own with ``admin_link``."""

from __future__ import annotations

from collections.abc import Callable

from flask import url_for

#: ``(label factory, endpoint)`` in menu order; labels are translated when shown.
ADMIN_LINKS: list[tuple[Callable[[], str], str]] = []


def admin_link(label: Callable[[], str], endpoint: str) -> None:
    """Add an entry to the admin menu (called at import by admin modules)."""
    if (label, endpoint) not in ADMIN_LINKS:
        ADMIN_LINKS.append((label, endpoint))


def admin_links() -> list[tuple[str, str]]:
    return [(str(label()), url_for(endpoint)) for label, endpoint in ADMIN_LINKS]
