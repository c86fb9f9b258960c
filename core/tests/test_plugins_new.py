"""``pnyx plugins new``: a standalone plugin that installs with ``pip install -e .`` and passes
its own tests, the contract suite included, at once (issue 24, item 4)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from pnyx.cli.plugins import plugins


def pip(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet", *args]
    return subprocess.run(command, capture_output=True, text=True)


def test_a_new_plugin_installs_and_passes_its_tests(tmp_path: Path) -> None:
    made = CliRunner().invoke(plugins, ["new", "petitions", "--directory", str(tmp_path)])
    assert made.exit_code == 0, made.output
    folder = tmp_path / "pnyx-petitions"
    assert (
        folder / "src/pnyx_petitions/migrations/versions/petitions_0001_create_items.py"
    ).exists()
    installed = pip("install", "--no-deps", "-e", str(folder))
    assert installed.returncode == 0, installed.stderr
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
        assert "passed" in run.stdout and "failed" not in run.stdout
        assert "petitions: 1 GET route(s) checked" in run.stdout  # the contract suite ran
    finally:
        pip("uninstall", "--yes", "pnyx-petitions")


def test_a_bad_name_or_an_existing_folder_is_refused(tmp_path: Path) -> None:
    bad = CliRunner().invoke(plugins, ["new", "Petitions!", "--directory", str(tmp_path)])
    assert bad.exit_code != 0 and "cannot name a plugin" in bad.output
    (tmp_path / "pnyx-petitions").mkdir()
    taken = CliRunner().invoke(plugins, ["new", "petitions", "--directory", str(tmp_path)])
    assert taken.exit_code != 0 and "already exists" in taken.output
