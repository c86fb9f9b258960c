"""Plugins fill slots and menus through hooks."""

from __future__ import annotations

import pytest


@pytest.fixture
def pnyx_plugins(fake_plugins):
    fake_plugins(sample="sample_plugin")
    return ["sample"]


def test_space_page_renders_plugin_slot(client, make_space) -> None:
    space = make_space()
    page = client.get(f"/spaces/{space.slug}").get_data(as_text=True)
    assert f"<p>sample slot for {space.slug}</p>" in page


def test_main_menu_has_plugin_link(client) -> None:
    page = client.get("/").get_data(as_text=True)
    assert ">Sample link</a>" in page
