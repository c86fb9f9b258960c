"""The latest proposals are a home page block (``proposals.latest``) staff may place."""

from __future__ import annotations

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
