"""Open data (issue 21): the organization's choices, a read-only API, the bundle.

:mod:`.admin` is the staff page for the licence and the territory breakdown of the
statistics (:mod:`pnyx.statistics`); :mod:`.views` serves ``/api/v1/`` from the
:class:`.resources.ApiResource` manifests of the core and of every plugin.
"""

from __future__ import annotations

from flask import Flask

from pnyx.errors import StartupError


def collect_resources(app: Flask) -> None:
    from pnyx.open_data.core_resources import CORE_RESOURCES
    from pnyx.open_data.resources import EXTENSION_KEY

    resources = {resource.name: resource for resource in CORE_RESOURCES}
    hook = app.extensions["pnyx.plugins"].pm.hook.register_api_resources
    for impl in hook.get_hookimpls():
        for resource in impl.function() or ():
            plugin = impl.plugin_name
            if not resource.name.startswith(plugin):
                raise StartupError(
                    f"Plugin {plugin}: API resource {resource.name!r} must start with {plugin!r}."
                )
            if resource.name in resources or resource.name == "organization":
                raise StartupError(f"Plugin {plugin}: API resource {resource.name!r} exists.")
            resources[resource.name] = resource
    app.extensions[EXTENSION_KEY] = resources


def init_open_data(app: Flask) -> None:
    from pnyx.open_data.admin import blueprint as admin_blueprint
    from pnyx.open_data.downloads import blueprint as downloads_blueprint
    from pnyx.open_data.views import limit_api, make_blueprint

    app.register_blueprint(admin_blueprint)
    app.register_blueprint(downloads_blueprint)
    collect_resources(app)
    api_blueprint = make_blueprint(app)
    limit_api(app, api_blueprint)
    app.register_blueprint(api_blueprint)
