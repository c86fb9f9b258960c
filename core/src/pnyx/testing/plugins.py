"""Making in-test plugins look installed, for tests of plugin combinations and of the kit."""

from __future__ import annotations

import importlib.metadata as metadata
from collections.abc import Mapping
from pathlib import Path

import pytest

from pnyx import plugin_system


def install_plugins(
    monkeypatch: pytest.MonkeyPatch,
    plugins: Mapping[str, str],
    *,
    path: str | Path | None = None,
    keep_installed: bool = True,
) -> dict[str, metadata.EntryPoint]:
    """Make ``plugins`` (``{name: "module.path"}``) look installed for the current test.

    ``path`` (a folder holding the plugins' packages) is put first on
    ``sys.path``. Really installed plugins stay visible unless
    ``keep_installed=False``. Everything is undone after the test. Enable the
    plugins as usual (``@pytest.mark.pnyx_plugins("name")``).
    """
    if path is not None:
        monkeypatch.syspath_prepend(str(path))
    entry_points = dict(plugin_system.installed_entry_points()) if keep_installed else {}
    for name, value in plugins.items():
        entry_points[name] = metadata.EntryPoint(name=name, value=value, group="pnyx.plugins")
    monkeypatch.setattr(plugin_system, "installed_entry_points", lambda: dict(entry_points))
    return entry_points
