"""The "page excerpt" home block (issue 18 item 6): staff choose a page; the home page shows its
title, its first lines and a link; a page that is unpublished or in a private space shows
nothing."""

from __future__ import annotations

from sqlalchemy import select

from pnyx_pages.models import Page

from .test_pages import admin_url, new_page, public_url


def test_staff_choose_a_page_and_the_home_page_shows_its_excerpt(
    client, session, component, admin, make_user
) -> None:
    new_page(client, admin_url(component, "new"), **{"body.en": "Read **this** before voting."})
    page = session.scalar(select(Page))
    admin_page = client.get("/admin/home").text
    assert "Page excerpt" in admin_page
    added = client.post_form("/admin/home/blocks", {"block": "pages.excerpt"})
    settings_url = added.headers["Location"]
    form = client.get(settings_url).text
    assert "Resources to read" in form  # the pages to choose from
    refused = client.post_form(settings_url, {"block": "pages.excerpt", "page": "999999"})
    assert refused.status_code == 400 and "Choose a page." in refused.text
    assert (
        client.post_form(settings_url, {"block": "pages.excerpt", "page": str(page.id)}).status_code
        == 302
    )

    client.sign_out()
    home = client.get("/").text
    assert '<h2 id="home-page-excerpt-' in home and "Resources to read" in home
    assert "Read this before voting." in home  # the text, without its markup
    assert f'href="{public_url(component, "resources")}"' in home

    page.published = False
    session.commit()
    assert "Read this before voting." not in client.get("/").text
    page.published = True
    component.space.private = True
    session.commit()
    assert "Read this before voting." not in client.get("/").text  # a private space's page
