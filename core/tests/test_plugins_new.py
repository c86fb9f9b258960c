"""``pnyx plugins new``: a standalone plugin that installs with ``pip install -e .`` and passes
its own tests, the contract suite included, at once (issue 24, item 4)."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

from click.testing import CliRunner

from pnyx.cli.plugins import plugins


def layered_python(folder: Path) -> str:
    """A throwaway virtual environment that sees this one's packages (through a ``.pth``).

    The plugin is installed there, not here: other test processes share this environment and
    list its plugins' entry points; they must never see a plugin half installed.
    """
    venv.create(folder, with_pip=False)
    python = folder / "bin" / "python"
    inner = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # addsitedir, not a bare path: the outer environment's own .pth files (editable installs)
    # are read too
    outer = sysconfig.get_paths()["purelib"]
    Path(inner, "outer-environment.pth").write_text(f"import site; site.addsitedir({outer!r})\n")
    return str(python)


def pip(python: str, *args: str) -> subprocess.CompletedProcess[str]:
    command = [python, "-m", "pip", "--disable-pip-version-check", "--quiet", *args]
    return subprocess.run(command, capture_output=True, text=True)


def test_a_new_plugin_installs_and_passes_its_tests(tmp_path: Path) -> None:
    made = CliRunner().invoke(plugins, ["new", "petitions", "--directory", str(tmp_path)])
    assert made.exit_code == 0, made.output
    folder = tmp_path / "pnyx-petitions"
    assert (
        folder / "src/pnyx_petitions/migrations/versions/petitions_0001_create_items.py"
    ).exists()
    python = layered_python(tmp_path / "venv")
    installed = pip(python, "install", "--no-deps", "-e", str(folder))
    assert installed.returncode == 0, installed.stderr
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    run = subprocess.run(
        [python, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "passed" in run.stdout and "failed" not in run.stdout
    assert "petitions: 1 GET route(s) checked" in run.stdout  # the contract suite ran
    listed = subprocess.run([sys.executable, "-m", "pip", "list"], capture_output=True, text=True)
    assert "pnyx-petitions" not in listed.stdout  # this environment never saw it


def test_a_bad_name_or_an_existing_folder_is_refused(tmp_path: Path) -> None:
    bad = CliRunner().invoke(plugins, ["new", "Petitions!", "--directory", str(tmp_path)])
    assert bad.exit_code != 0 and "cannot name a plugin" in bad.output
    (tmp_path / "pnyx-petitions").mkdir()
    taken = CliRunner().invoke(plugins, ["new", "petitions", "--directory", str(tmp_path)])
    assert taken.exit_code != 0 and "already exists" in taken.output
