"""The latest proposals are a home page block (``proposals.latest``) staff may place."""

from __future__ import annotations

import re

from pnyx.testing import PnyxClient


def test_latest_proposals_block(client: PnyxClient, add_proposal, make_user) -> None:
    add_proposal("Benches in the park")
    home = client.get("/").text
    assert "Latest proposals" in home and "Benches in the park" in home  # a default block
    client.sign_in(make_user(roles=["admin"]))
    removed = client.post_form(
        "/admin/home/blocks/1/delete", {"block": "proposals.latest", "confirmed": "yes"}
    )
    assert removed.status_code == 302
    assert "Benches in the park" not in client.get("/").text
    assert (
        '<option value="proposals.latest">Latest proposals</option>'
        in client.get("/admin/home").text
    )


def test_participation_figures_block(client: PnyxClient, add_proposal, make_user) -> None:
    """The core's statistics block adds up what the plugins' statistics hook counts."""
    add_proposal("Benches", author=make_user())
    add_proposal("Trees", author=make_user())
    client.sign_in(make_user(roles=["admin"]))
    assert "Participation figures" in client.get("/admin/home").text  # offered, not shown
    assert "All the participation figures" not in client.get("/").text
    client.post_form("/admin/home/blocks", {"block": "statistics"})
    home = client.get("/").text
    assert "All the participation figures" in home
    found = re.search(r"<dt>Participants</dt><dd>(\d+)</dd>", home)
    assert found and found.group(1) == "2"
