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


def test_the_figures_block_reads_stored_totals(
    app, client: PnyxClient, add_proposal, make_user, session, count_queries
) -> None:
    """The home page does not recount the organization's figures on each view: it reads
    them as a job stored them, and asks for a recount once they are old."""
    add_proposal("Benches", author=make_user())
    client.sign_in(make_user(roles=["admin"]))
    client.post_form("/admin/home/blocks", {"block": "statistics"})
    client.get("/")  # nothing stored yet: counted now, then stored by the job
    few = count_queries("/")
    for n in range(6):
        add_proposal(f"Proposal {n}", author=make_user())
    session.commit()

    assert count_queries("/") == few  # however many proposals and people
    shown = re.search(r"<dt>Participants</dt><dd>(\d+)</dd>", client.get("/").text)
    assert shown and shown.group(1) == "1"  # as stored, within the debounce delay

    app.config["STATS_MAX_AGE_SECONDS"] = 0
    client.get("/")  # too old: shown, then counted again after the response
    app.config["STATS_MAX_AGE_SECONDS"] = 3600
    shown = re.search(r"<dt>Participants</dt><dd>(\d+)</dd>", client.get("/").text)
    assert shown and shown.group(1) == "7"
