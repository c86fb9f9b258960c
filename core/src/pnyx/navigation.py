"""The core's own menus: the admin menu and the account menu.

Core feature modules add their entries at import with :func:`admin_link` and
:func:`account_link`; plugins add theirs with the ``menu_links`` hook
(menus ``admin`` and ``user``).
"""

from __future__ import annotations

from collections.abc import Callable

from flask import url_for

Label = Callable[[], str]

#: ``(label factory, endpoint)`` in menu order; labels are translated when shown.
ADMIN_LINKS: list[tuple[Label, str]] = []
ACCOUNT_LINKS: list[tuple[Label, str]] = []


def _add(links: list[tuple[Label, str]], label: Label, endpoint: str) -> None:
    if all(existing != endpoint for _label, existing in links):
        links.append((label, endpoint))


def admin_link(label: Label, endpoint: str) -> None:
    """Add an entry to the admin menu (called at import by admin modules)."""
    _add(ADMIN_LINKS, label, endpoint)


def account_link(label: Label, endpoint: str) -> None:
    """Add an entry to a signed-in person's account menu."""
    _add(ACCOUNT_LINKS, label, endpoint)


def admin_links() -> list[tuple[str, str]]:
    """The admin menu's entries the signed-in person may open (a space admin sees few)."""
    from pnyx.admin.space_scope import allowed_endpoint  # the admin area imports this module

    return [
        (str(label()), url_for(endpoint))
        for label, endpoint in ADMIN_LINKS
        if allowed_endpoint(endpoint)
    ]


def account_links() -> list[tuple[str, str]]:
    return [(str(label()), url_for(endpoint)) for label, endpoint in ACCOUNT_LINKS]
