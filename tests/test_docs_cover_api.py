"""docs/ covers every hook, slot and action (DESIGN.md §4)."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from pnyx import create_app, hookspecs

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
TEMPLATE_FOLDERS = [ROOT / "core/src/pnyx/templates", *ROOT.glob("plugins/*/src/*/templates")]
SLOT_CALL = re.compile(r"""slot\(\s*["']([a-z_.]+)["']""")


def hook_names() -> set[str]:
    return {
        name
        for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(function, "pnyx_spec")
    }


def test_every_hook_is_documented_in_hookspecs_and_docs() -> None:
    text = (DOCS / "hooks.md").read_text()
    names = hook_names()
    assert len(names) >= 10
    for name in names:
        assert f"### {name}" in text, f"docs/hooks.md has no section for hook {name}"
        doc = getattr(hookspecs, name).__doc__ or ""
        assert "Example::" in doc, f"hookspecs.{name} lacks an example"
    documented = set(re.findall(r"^### (\w+)", text, re.M))
    assert documented <= names, f"docs/hooks.md documents unknown hooks: {documented - names}"


def template_slots() -> set[str]:
    found = set()
    for folder in TEMPLATE_FOLDERS:
        for template in folder.rglob("*.html"):
            found |= set(SLOT_CALL.findall(template.read_text()))
    return found


def test_slots_documented_match_templates() -> None:
    documented = set(re.findall(r"^\| `([a-z_.]+)` \|", (DOCS / "slots.md").read_text(), re.M))
    assert template_slots() == documented


def test_every_registered_action_is_documented(tmp_path: Path) -> None:
    app = create_app({"PLUGINS": "*", "INSTANCE_PATH": str(tmp_path)})
    text = (DOCS / "actions.md").read_text()
    for action in app.extensions["pnyx.plugins"].registry.actions:
        assert f"`{action}`" in text, f"docs/actions.md does not document action {action}"
