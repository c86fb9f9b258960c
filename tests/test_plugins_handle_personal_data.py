"""Every plugin that stores rows about a person gives them back in "download my data"."""

from __future__ import annotations

from pathlib import Path

from pnyx import create_app
from pnyx.models import Model


def plugin_tables_pointing_to_users(plugin: str) -> list[str]:
    return [
        table.name
        for table in Model.metadata.sorted_tables
        if table.name.startswith(f"{plugin}_")
        and any(fk.column.table.name == "users" for fk in table.foreign_keys)
    ]


def test_plugins_with_rows_about_people_implement_export_user_data(tmp_path: Path) -> None:
    app = create_app({"PLUGINS": "*", "INSTANCE_PATH": str(tmp_path)})
    system = app.extensions["pnyx.plugins"]
    missing = [
        f"{name} ({', '.join(tables)})"
        for name in system.plugins
        if (tables := plugin_tables_pointing_to_users(name))
        and "export_user_data" not in system.hook_names(name)
    ]
    assert not missing, f"plugins storing people's rows without export_user_data: {missing}"
