"""Every plugin installed from this repository runs the kit's contract suite in its own tests.

The contract (:class:`pnyx.testing.contract.PluginContract`) holds the checks a plugin must
pass: prefixed names, settings defaults, templates, declared actions, migrations, demo data,
every page answering and hostile input never giving a server error (issue 11, item 10).
Each plugin runs it once, from a ``Test…(PluginContract)`` class in its ``tests/`` folder;
this test makes sure none is forgotten, so the checks are not run a second time here.
"""

from __future__ import annotations

import ast
from pathlib import Path

from pnyx import plugin_system

ROOT = Path(__file__).resolve().parents[1]
TEST_FOLDERS = [*ROOT.glob("plugins/*/tests"), *ROOT.glob("examples/*/tests")]


def contract_plugins(path: Path) -> set[str]:
    """The ``plugin = "..."`` of every class deriving from ``PluginContract`` in ``path``."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ClassDef):
            continue
        if not any(getattr(base, "id", None) == "PluginContract" for base in node.bases):
            continue
        for statement in node.body:
            if (
                isinstance(statement, ast.Assign)
                and [getattr(t, "id", None) for t in statement.targets] == ["plugin"]
                and isinstance(statement.value, ast.Constant)
            ):
                found.add(statement.value.value)
    return found


def test_every_installed_plugin_of_the_repository_runs_the_contract_once() -> None:
    runs: dict[str, list[str]] = {}
    for folder in TEST_FOLDERS:
        for path in sorted(folder.glob("test_*.py")):
            for plugin in contract_plugins(path):
                runs.setdefault(plugin, []).append(str(path.relative_to(ROOT)))
    installed = set(plugin_system.installed_entry_points())
    assert installed, "no plugin is installed: run `make install`"
    missing = sorted(installed - set(runs))
    assert not missing, f"plugins without a PluginContract test in their tests/: {missing}"
    twice = {plugin: files for plugin, files in runs.items() if len(files) > 1}
    assert not twice, f"the contract runs more than once for: {twice}"
