"""``safe_next``: the only way to follow an address a request carries (issue 11, item 11)."""

from __future__ import annotations

import pytest

from pnyx.redirects import safe_next

EVIL = [
    "//evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\\evil.example",
    "\\/evil.example",
    " //evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "/\x00/evil.example",
    "evil.example",
    "",
    None,
]


@pytest.mark.parametrize("target", EVIL)
def test_other_sites_and_ambiguous_paths_are_refused(app, target) -> None:
    with app.test_request_context():
        assert safe_next(target) == "/"
        assert safe_next(target, "/fallback") == "/fallback"


@pytest.mark.parametrize("target", ["/", "/spaces/x?page=2&sort=new", "/a/b#line-3", "/%2F%2Fx"])
def test_same_site_paths_are_followed(app, target) -> None:
    with app.test_request_context():
        assert safe_next(target) == target


def test_sign_in_and_language_switcher_refuse_a_tab_trick(client, make_user) -> None:
    response = client.post_form("/locale", data={"locale": "en", "next": "/\t/evil.example"})
    assert response.status_code == 302 and response.location == "/"
