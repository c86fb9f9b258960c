"""A city's theme: one folder that overrides templates and static files (docs/theming.md).

``PNYX_THEME_PATH`` names a folder with ``templates/`` and/or ``static/``:

- ``templates/pnyx/home.html`` replaces the core's template of that name, and
  ``templates/<plugin>/...`` a plugin's. A replacement may extend the template it
  replaces through the ``original/`` prefix: ``{% extends "original/pnyx/home.html" %}``.
- ``static/pnyx.css`` replaces the core's file served at ``/static/pnyx.css``;
  ``static/<blueprint>/<file>`` replaces a plugin blueprint's static ``<file>``; any
  other file is served at ``/static/<file>``. URLs do not change, so templates keep
  using ``url_for('static', filename=...)``.
- ``static/theme.css``, when present, is linked by the layout after ``pnyx.css``, so a
  theme can restyle the site (its colour variables) without replacing any template.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
from flask import Flask, current_app, send_from_directory, url_for
from jinja2 import BaseLoader, ChoiceLoader, FileSystemLoader, PrefixLoader
from werkzeug.security import safe_join
from werkzeug.wrappers import Response

from pnyx.core_hooks import PUBLIC
from pnyx.errors import StartupError

#: Template prefix that reaches the template a theme replaces: ``original/pnyx/layout.html``.
ORIGINAL_PREFIX = "original"
#: The stylesheet the layout links after the core's when the theme has it.
THEME_STYLESHEET = "theme.css"
EXTENSION = "pnyx.theme"


@attrs.frozen
class Theme:
    """A theme folder; either sub-folder may be missing."""

    path: Path

    @property
    def templates(self) -> Path:
        return self.path / "templates"

    @property
    def static(self) -> Path:
        return self.path / "static"

    def static_file(self, filename: str, blueprint: str | None = None) -> Path | None:
        """The theme's replacement for a static file, if it has one (never outside the folder)."""
        folder = self.static / blueprint if blueprint else self.static
        joined = safe_join(str(folder), filename)
        return Path(joined) if joined is not None and Path(joined).is_file() else None


def load_theme(app: Flask) -> Theme | None:
    """The configured theme, or ``None``; a wrong path is a start-up error that names it."""
    raw = app.config.get("THEME_PATH")
    if not raw:
        return None
    theme = Theme(Path(raw).resolve())
    if not theme.path.is_dir():
        raise StartupError(f"PNYX_THEME_PATH={raw} is not a folder.")
    if not theme.templates.is_dir() and not theme.static.is_dir():
        raise StartupError(
            f"PNYX_THEME_PATH={raw} has neither a templates/ nor a static/ folder: "
            "point it at the theme folder itself."
        )
    return theme


def current_theme() -> Theme | None:
    return current_app.extensions.get(EXTENSION)


def theme_stylesheet() -> str | None:
    """Template helper: the URL of the theme's ``theme.css``, or ``None``."""
    theme = current_theme()
    if theme is None or theme.static_file(THEME_STYLESHEET) is None:
        return None
    return url_for("static", filename=THEME_STYLESHEET)


def with_originals(loader: BaseLoader, theme: Theme) -> BaseLoader:
    """``loader`` plus the ``original/`` prefix: every template as it is without the theme."""
    if not isinstance(loader, ChoiceLoader):
        return loader
    untouched = [
        each
        for each in loader.loaders
        if not (
            isinstance(each, FileSystemLoader) and str(theme.templates) in map(str, each.searchpath)
        )
    ]
    originals = PrefixLoader({ORIGINAL_PREFIX: ChoiceLoader(untouched)})
    return ChoiceLoader([loader, originals])


def themed_static_view(theme: Theme, blueprint: str | None, fallback: Callable[..., Any]) -> Any:
    """A static view that serves the theme's file when it has one, else ``fallback``'s."""
    # Imported here: ``pnyx.web`` imports this module while it initializes.
    from pnyx.web.guards import requires

    @requires(PUBLIC)
    def serve(filename: str) -> Response:
        replacement = theme.static_file(filename, blueprint)
        if replacement is None:
            return fallback(filename=filename)
        max_age = current_app.get_send_file_max_age(filename)
        return send_from_directory(replacement.parent, replacement.name, max_age=max_age)

    return serve


def theme_static_files(app: Flask, theme: Theme) -> None:
    """Route the core's and every blueprint's static endpoint through the theme first.

    Call it after the blueprints are registered: a blueprint registered later
    (in a plugin's ``init_app``) keeps its own files.
    """
    for endpoint, view in list(app.view_functions.items()):
        if endpoint == "static":
            app.view_functions[endpoint] = themed_static_view(theme, None, view)
        elif endpoint.endswith(".static"):
            blueprint = endpoint.rsplit(".", 1)[0]
            app.view_functions[endpoint] = themed_static_view(theme, blueprint, view)


def init_theming(app: Flask) -> None:
    """Check the theme, give templates the ``original/`` prefix, serve its static files."""
    theme = load_theme(app)
    app.extensions[EXTENSION] = theme
    app.jinja_env.globals["theme_stylesheet"] = theme_stylesheet
    if theme is None:
        return
    if theme.templates.is_dir():
        app.jinja_loader = with_originals(app.jinja_loader, theme)  # type: ignore[assignment]
    if theme.static.is_dir():
        theme_static_files(app, theme)
