"""Every route declares the action it needs (DESIGN.md §5), with every plugin enabled."""

from __future__ import annotations

from pathlib import Path

from pnyx import create_app


def test_every_route_declares_a_registered_action(tmp_path: Path) -> None:
    app = create_app({"PLUGINS": "*", "INSTANCE_PATH": str(tmp_path)})
    actions = app.extensions["pnyx.plugins"].registry.actions
    undeclared, unknown = [], []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.endpoint.endswith(".static"):
            continue
        action = getattr(app.view_functions[rule.endpoint], "pnyx_action", None)
        if action is None:
            undeclared.append(f"{rule.rule} ({rule.endpoint})")
        elif action not in actions:
            unknown.append(f"{rule.rule} ({rule.endpoint}): {action}")
    assert not undeclared, "routes without @api.requires(action):\n" + "\n".join(undeclared)
    assert not unknown, "routes with an unregistered action:\n" + "\n".join(unknown)
    assert len(list(app.url_map.iter_rules())) > 5
