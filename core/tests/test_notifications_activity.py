"""My activity and the public profile (issue 19 item 4)."""

from __future__ import annotations

import pytest

from pnyx.models import PublicProfile

pytestmark = [pytest.mark.pnyx_plugins("notifydemo"), pytest.mark.usefixtures("notifydemo")]


def test_my_activity_lists_everything_newest_first(client, make_user) -> None:
    client.sign_in(make_user())
    page = client.get("/account/activity").text
    assert page.index("A secret-free vote") < page.index("A public thing")
    assert 'href="/things/1"' in page


def test_the_public_profile_shows_only_public_items_and_can_be_hidden(
    client, session, make_user
) -> None:
    ada = make_user(name="Ada Lovelace")
    page = client.get(f"/people/{ada.id}").text
    assert "Ada Lovelace" in page and "A public thing" in page
    assert "A secret-free vote" not in page
    client.sign_in(ada)
    client.post_form("/account/profile", {"nickname": "  Countess  "})
    client.sign_out()
    assert "Countess" in client.get(f"/people/{ada.id}").text
    client.sign_in(ada)
    client.post_form("/account/profile", {"nickname": "Countess", "hidden": "yes"})
    client.sign_out()
    assert client.get(f"/people/{ada.id}").status_code == 404
    assert session.get(PublicProfile, ada.id).hidden
    assert client.get("/people/99999").status_code == 404
    client.sign_in(ada)
    too_long = client.post_form("/account/profile", {"nickname": "x" * 61})
    assert too_long.status_code == 400 and "too long" in too_long.text
