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


@pytest.fixture
def notifydemo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Install the in-test plugin ``notifydemo`` (``notification_plugin/``): notification kinds
    and a resource type for the notification tests (enable it with the marker)."""
    from pnyx.testing import install_plugins

    folder = HERE / "notification_plugin"
    install_plugins(monkeypatch, {"notifydemo": "pnyx_notifydemo.plugin"}, path=folder)


@pytest.fixture
def follow_token() -> Callable[[str], str]:
    """``follow_token(html)``: the signed target of the first follow button of a page."""
    import re

    def read(html: str) -> str:
        found = re.search(r'name="target" value="([^"]+)"', html)
        assert found, "the page has no follow button"
        return found.group(1)

    return read
