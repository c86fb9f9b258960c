"""The example theme (the angers distribution's theme folder) works as docs/theming.md says."""

from __future__ import annotations

from pathlib import Path

import pytest

ANGERS = (
    Path(__file__).resolve().parents[1] / "examples/distributions/angers/src/pnyx_dist_angers/theme"
)


@pytest.fixture
def pnyx_config() -> dict[str, str]:
    return {"THEME_PATH": str(ANGERS)}


def test_angers_home_page_has_its_banner_logo_and_colours(client, make_space) -> None:
    make_space(title={"fr": "Budget participatif", "en": "Participatory budget"})
    page = client.get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Ensemble, construisons Angers" in page
    assert 'src="/static/angers/logo.svg"' in page
    assert 'href="/static/theme.css"' in page
    assert "Budget participatif" in page and page.count("<h1>") == 1


def test_angers_logo_is_on_every_page(client) -> None:
    page = client.get("/sign-in").get_data(as_text=True)
    assert 'src="/static/angers/logo.svg"' in page
    assert "Ensemble, construisons Angers" not in page


def test_angers_static_files_are_served(client) -> None:
    assert b"--primary: #7a1f3d" in client.get("/static/theme.css").data
    assert client.get("/static/angers/logo.svg").mimetype == "image/svg+xml"
    assert b"--primary" in client.get("/static/pnyx.css").data  # the core's, not replaced
