"""The web layer: templates, guards, core pages and mounted plugin pages."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from jinja2 import ChoiceLoader, FileSystemLoader

from pnyx.admin import init_admin
from pnyx.assisted.setup import init_assisted
from pnyx.attachments import init_attachments
from pnyx.discussion import comment_counts
from pnyx.groups.setup import init_groups
from pnyx.inputs import init_inputs
from pnyx.notifications import init_notifications
from pnyx.open_data import init_open_data
from pnyx.personal_data import init_personal_data
from pnyx.plugin_system import PluginSystem
from pnyx.spaces import views as spaces_views
from pnyx.statistics import init_statistics
from pnyx.submissions import init_submissions
from pnyx.templating import init_templating
from pnyx.theming import init_theming
from pnyx.verification.setup import init_verification
from pnyx.web import auth, public, search
from pnyx.web.branding import init_branding
from pnyx.web.caching import init_caching
from pnyx.web.components import component_url, register_component_blueprints
from pnyx.web.csrf import init_csrf
from pnyx.web.errors import init_errors
from pnyx.web.guards import can, current_path
from pnyx.web.pages import init_pages
from pnyx.web.security import init_security
from pnyx.web.slots import menu, slot

CORE_FOLDER = Path(__file__).resolve().parent.parent


def template_loader(app: Flask, plugins: PluginSystem) -> ChoiceLoader:
    """A city's theme first, then the core's templates, then each plugin's."""
    folders = []
    if app.config.get("THEME_PATH"):
        folders.append(Path(app.config["THEME_PATH"]) / "templates")
    folders.append(CORE_FOLDER / "templates")
    folders += [info.package_path / "templates" for info in plugins.plugins.values()]
    return ChoiceLoader([FileSystemLoader(str(folder)) for folder in folders])


def init_web(app: Flask, plugins: PluginSystem) -> None:
    init_inputs(app)  # first: routes use its <int:...>, its checks run before any other
    app.static_folder = str(CORE_FOLDER / "static")
    app.jinja_loader = template_loader(app, plugins)  # type: ignore[assignment]
    app.jinja_env.globals.update(
        slot=slot, menu=menu, can=can, component_url=component_url, current_path=current_path
    )
    # ``{% set counts = comment_counts("proposals_proposal", page.items) %}``: one query.
    app.jinja_env.globals.update(comment_counts=comment_counts)
    init_templating(app)
    init_pages(app)
    init_branding(app)
    init_security(app)
    init_csrf(app)
    init_submissions(app)
    init_caching(app)
    init_errors(app)
    auth.init_auth(app)
    app.register_blueprint(public.blueprint)
    app.register_blueprint(spaces_views.blueprint)
    app.register_blueprint(search.blueprint)
    init_attachments(app)  # before init_admin: its staff pages join the admin blueprint
    init_statistics(app)
    init_groups(app)  # before init_admin: its staff page joins the admin blueprint
    init_admin(app)
    init_open_data(app)
    init_personal_data(app)
    init_verification(app)
    init_assisted(app)  # after auth.init_auth: it acts on the signed-in person
    init_notifications(app, plugins)
    for blueprint in plugins.registry.blueprints:
        app.register_blueprint(blueprint)
    register_component_blueprints(app, plugins.registry)
    init_theming(app)  # last: it themes the static files of every blueprint above
