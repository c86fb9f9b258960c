"""Personal data: "download my data" and account deletion (issue 3, point 7).

The core exports and erases its own data (:mod:`.core_data`); each plugin
handles its own through the ``export_user_data`` and ``delete_user_data``
hooks. See ``docs/personal-data.md``.
"""

from __future__ import annotations

from flask import Flask

from pnyx.personal_data.names import person_name


def init_personal_data(app: Flask) -> None:
    """Serve the account pages and offer ``person_name`` to templates."""
    from pnyx.personal_data.views import blueprint  # imported here: it adds account links

    app.register_blueprint(blueprint)
    app.jinja_env.globals["person_name"] = person_name


__all__ = ["init_personal_data", "person_name"]
