"""``pnyx demo`` started again on its instance: the server it starts can write."""

from __future__ import annotations

import importlib
import sqlite3

import pytest

from pnyx.cli import main


@pytest.mark.parametrize("options", [[], ["--distribution", "nivelles"]], ids=["core", "city"])
def test_a_restarted_demo_serves_with_no_transaction_open(tmp_path, monkeypatch, options) -> None:
    """Restarted on its seeded database, ``pnyx demo`` kept the transaction of its reads
    open while serving: on SQLite a BEGIN IMMEDIATE, so every form answered 503."""
    monkeypatch.setenv("PNYX_INSTANCE_PATH", str(tmp_path))
    # `pnyx demo` sets these for the rest of the process: set (then unset) through
    # monkeypatch, they are restored for the next tests.
    for name in ("PNYX_DISTRIBUTION", "PNYX_PLUGINS"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    writable = []

    def serve(host: str, port: int) -> None:
        other = sqlite3.connect(tmp_path / "pnyx.sqlite3", timeout=0.2)
        try:
            other.execute("BEGIN IMMEDIATE")
            writable.append(True)
        except sqlite3.OperationalError:
            writable.append(False)
        finally:
            other.close()

    # The module, not the ``demo`` command that pnyx.cli exports under the same name.
    monkeypatch.setattr(importlib.import_module("pnyx.cli.demo"), "run_server", serve)
    for _start in range(2):  # seeds, then finds the demo already there
        with pytest.raises(SystemExit) as exit_info:
            main(["demo", *options])
        assert exit_info.value.code == 0
    assert writable == [True, True]
