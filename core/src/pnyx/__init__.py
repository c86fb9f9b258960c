"""Pnyx: a participatory-democracy platform. Plugins import :mod:`pnyx.api`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pnyx.app import create_app

__version__ = "0.1.0"
__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # Imported lazily so that loading the pytest plugin (pnyx.testing) or the
    # version does not import the whole core before coverage starts measuring.
    if name == "create_app":
        from pnyx.app import create_app

        return create_app
    raise AttributeError(name)
