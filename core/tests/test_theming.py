"""A city's theme folder overrides templates and static files (docs/theming.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Blueprint, Flask

from pnyx import create_app
from pnyx.errors import StartupError
from pnyx.theming import Theme, theme_static_files
from pnyx.web.guards import ACTION_ATTRIBUTE


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.fixture
def theme(tmp_path: Path) -> Path:
    folder = tmp_path / "theme"
    write(
        folder / "templates/pnyx/home.html",
        '{% extends "original/pnyx/home.html" %}'
        '{% block content %}<p class="welcome">Bienvenue à Angers</p>{{ super() }}{% endblock %}',
    )
    write(folder / "static/pnyx.css", "/* the city's own base styles */")
    write(folder / "static/theme.css", ":root { --primary: #7a1f3d; }")
    write(folder / "static/city/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    return folder


@pytest.fixture
def pnyx_config(theme: Path) -> dict[str, str]:
    return {"THEME_PATH": str(theme)}


def test_theme_template_extends_the_template_it_replaces(client, make_space) -> None:
    make_space(title={"fr": "Budget participatif", "en": "Participatory budget"})
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<p class="welcome">Bienvenue à Angers</p>' in page
    # The core's page is still there around it, once.
    assert "Participatory budget" in page
    assert page.count("<h1>") == 1


def test_templates_the_theme_does_not_replace_are_the_core_ones(client) -> None:
    page = client.get("/sign-in").get_data(as_text=True)
    assert 'name="password"' in page and "welcome" not in page


def test_theme_static_file_replaces_the_core_file_at_the_same_url(client) -> None:
    response = client.get("/static/pnyx.css")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "/* the city's own base styles */"


def test_theme_only_static_files_are_served(client) -> None:
    response = client.get("/static/city/logo.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"


def test_core_static_files_the_theme_lacks_still_come_from_the_core(client, theme: Path) -> None:
    (theme / "static/pnyx.css").unlink()
    response = client.get("/static/pnyx.css")
    assert response.status_code == 200 and b"--primary" in response.data


def test_theme_stylesheet_is_linked_after_the_core_one(client) -> None:
    page = client.get("/").get_data(as_text=True)
    core = page.index('href="/static/pnyx.css"')
    assert page.index('href="/static/theme.css"') > core


@pytest.mark.parametrize("path", ["/static/../secret_key", "/static/%2e%2e/secret_key"])
def test_theme_static_never_serves_files_outside_it(client, path: str) -> None:
    assert client.get(path).status_code == 404


def test_missing_static_file_is_a_styled_404(client) -> None:
    response = client.get("/static/nothing-here.css")
    assert response.status_code == 404


def test_static_view_declares_its_action(app) -> None:
    assert getattr(app.view_functions["static"], ACTION_ATTRIBUTE) == "pnyx.public"


def test_theme_overrides_a_blueprint_static_file(tmp_path: Path) -> None:
    plugin_static = write(tmp_path / "plugin/static/board.css", "/* plugin */").parent
    write(tmp_path / "theme/static/board/board.css", "/* themed */")
    app = create_app({"INSTANCE_PATH": str(tmp_path), "DATABASE_URL": "sqlite://"})
    blueprint = Blueprint("board", __name__, static_folder=str(plugin_static))
    app.register_blueprint(blueprint, url_prefix="/board")
    theme_static_files(app, Theme(tmp_path / "theme"))
    client = app.test_client()
    assert client.get("/board/static/board.css").data == b"/* themed */"
    write(tmp_path / "plugin/static/other.css", "/* plugin other */")
    assert client.get("/board/static/other.css").data == b"/* plugin other */"


def test_no_theme_links_no_theme_stylesheet(tmp_path: Path) -> None:
    app = create_app({"INSTANCE_PATH": str(tmp_path), "DATABASE_URL": "sqlite://"})
    assert "theme_stylesheet" in app.jinja_env.globals
    assert app.extensions["pnyx.theme"] is None


def test_theme_path_that_is_not_a_folder_stops_start_up(tmp_path: Path) -> None:
    with pytest.raises(StartupError, match="is not a folder"):
        create_app({"INSTANCE_PATH": str(tmp_path), "THEME_PATH": str(tmp_path / "nowhere")})


def test_theme_folder_without_templates_or_static_stops_start_up(tmp_path: Path) -> None:
    (tmp_path / "parent").mkdir()
    with pytest.raises(StartupError, match="neither a templates/ nor a static/"):
        create_app({"INSTANCE_PATH": str(tmp_path), "THEME_PATH": str(tmp_path / "parent")})


def test_unthemed_app_serves_the_core_static_files(tmp_path: Path) -> None:
    app = create_app({"INSTANCE_PATH": str(tmp_path), "DATABASE_URL": "sqlite://"})
    response = app.test_client().get("/static/pnyx.css")
    assert response.status_code == 200 and b"--primary" in response.data


def test_original_prefix_exists_only_with_a_theme(app: Flask) -> None:
    assert app.jinja_env.get_template("original/pnyx/home.html") is not None
