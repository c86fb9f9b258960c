"""The pluggy markers of the ``pnyx`` project."""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("pnyx")
#: Marks a plugin's hook implementations (re-exported as ``pnyx.api.hookimpl``).
hookimpl = pluggy.HookimplMarker("pnyx")
