"""Pnyx: a participatory-democracy platform. Plugins import :mod:`pnyx.api`."""

from pnyx.app import create_app

__version__ = "0.1.0"
__all__ = ["create_app"]
