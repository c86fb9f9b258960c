"""The upcoming meetings are a home page block staff may place, move or remove."""

from __future__ import annotations

from collections.abc import Callable

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_meetings.models import Meeting


def test_staff_remove_and_place_back_the_meetings_block(
    client: PnyxClient,
    component: api.Component,
    make_meeting: Callable[..., Meeting],
    make_user: Callable[..., api.User],
) -> None:
    make_meeting("Neighbourhood forum", days=2)
    assert "Neighbourhood forum" in client.get("/").text  # a default block
    client.sign_in(make_user(roles=["admin"]))
    admin = client.get("/admin/home").text
    assert "Upcoming meetings" in admin and "The next meetings of every space" in admin
    position = 1  # after the core's spaces block, in the default composition
    removed = client.post_form(
        f"/admin/home/blocks/{position}/delete",
        {"block": "meetings.upcoming", "confirmed": "yes"},
    )
    assert removed.status_code == 302
    assert "Neighbourhood forum" not in client.get("/").text
    client.post_form("/admin/home/blocks", {"block": "meetings.upcoming"})
    client.post_form(
        f"/admin/home/blocks/{position}/move", {"block": "meetings.upcoming", "direction": "up"}
    )
    home = client.get("/").text
    assert home.index("Neighbourhood forum") < home.index("Open now")
