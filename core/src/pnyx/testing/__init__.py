"""The test kit the core ships for plugins and distributions (docs/testing.md).

Installing ``pnyx`` registers the pytest plugin :mod:`pnyx.testing.plugin`
(fixtures ``app``, ``client``, ``session``, factories...). The contract suite
is :class:`pnyx.testing.contract.PluginContract`. This module re-exports the
helpers a test may import directly.
"""

from pnyx.testing.client import PnyxClient, PnyxCliRunner, sign_in
from pnyx.testing.factories import (
    DEFAULT_PASSWORD,
    create_component,
    create_organization,
    create_space,
    create_user,
    ensure_organization,
)
from pnyx.testing.plugins import install_plugins

__all__ = [
    "DEFAULT_PASSWORD",
    "PnyxCliRunner",
    "PnyxClient",
    "create_component",
    "create_organization",
    "create_space",
    "create_user",
    "ensure_organization",
    "install_plugins",
    "sign_in",
]
