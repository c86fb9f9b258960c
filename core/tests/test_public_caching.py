"""Anonymous pages are cacheable (issue 13, item 2): no cookie, Cache-Control public, an
ETag answered with 304; the language switch needs no session; signed-in pages stay private."""

from __future__ import annotations

import pytest


@pytest.fixture
def home(make_organization, make_space):
    make_organization()
    make_space(slug="budget", published=True)
    return "/"


def test_an_anonymous_page_sets_no_cookie_and_may_be_cached(client, home) -> None:
    response = client.get(home)
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert response.cache_control.public and response.cache_control.max_age == 60
    assert {"Accept-Language", "Cookie"} <= set(response.vary)
    etag = response.headers["ETag"]

    again = client.get(home, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert client.get("/spaces/budget").cache_control.public


def test_the_language_switch_is_a_get_form_without_token(client, home) -> None:
    page = client.get(home).text
    assert 'method="get" action="/locale"' in page and '<html lang="en">' in page
    assert "csrf_token" not in page

    response = client.get("/locale?locale=fr&next=/spaces/budget")
    assert response.status_code == 302 and response.location == "/spaces/budget"
    assert response.headers["Set-Cookie"].startswith("pnyx_locale=fr")
    assert "session" not in response.headers["Set-Cookie"]
    french = client.get("/spaces/budget")
    assert '<html lang="fr">' in french.text and "Cookie" in french.vary


def test_signed_in_pages_are_never_public(client, home, make_user) -> None:
    client.sign_in(make_user())
    response = client.get(home)
    assert response.status_code == 200
    assert not response.cache_control.public and "ETag" not in response.headers


def test_a_page_that_made_a_csrf_token_is_not_public(client, home) -> None:
    response = client.get("/sign-in")
    assert "Set-Cookie" in response.headers  # its form needs a token in the session
    assert not response.cache_control.public


def test_caching_can_be_turned_off(app, client, home) -> None:
    app.config["PUBLIC_CACHE_SECONDS"] = 0
    assert not client.get(home).cache_control.public
