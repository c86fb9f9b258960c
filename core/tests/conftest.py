"""Helpers for the core's own tests."""

from __future__ import annotations

import importlib.metadata as metadata
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

HERE = Path(__file__).parent


@pytest.fixture
def fake_plugins(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Install in-test plugins: ``fake_plugins(name="module", ...)``.

    Replaces the entry-point scan, so only the given plugins look installed.
    Modules are top-level modules of ``folder`` (each its own package, as a
    real plugin is).
    """

    def install(folder: str = "startup_plugins", **modules: str) -> None:
        monkeypatch.syspath_prepend(str(HERE / folder))
        entry_points = {
            name: metadata.EntryPoint(name=name, value=value, group="pnyx.plugins")
            for name, value in modules.items()
        }
        monkeypatch.setattr("pnyx.plugin_system.installed_entry_points", lambda: entry_points)
        for value in modules.values():
            sys.modules.pop(value, None)

    return install
