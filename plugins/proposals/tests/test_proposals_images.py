"""A proposal's image (issue 10 item 12): its author adds it with the proposal, the alt text is
required, the content is checked; it shows on the list card and on the proposal's page."""

from __future__ import annotations

import io

from sqlalchemy import select

from pnyx import api
from pnyx.testing.files import PHP, png
from pnyx_proposals.models import Proposal

BODY = "Plant trees along the river, with benches in their shade."


def test_the_author_adds_an_image_with_its_alt_text(client, session, url, make_user) -> None:
    client.sign_in(make_user(name="Ada"))
    form = {"title": "Trees", "body": BODY, "intent": "publish"}
    without_alt = {**form, "image": (io.BytesIO(png()), "trees.png")}
    refused = client.post_form(f"{url}new", without_alt, content_type="multipart/form-data")
    assert refused.status_code == 400 and "alt text" in refused.text
    assert session.scalar(select(Proposal)) is None  # nothing half-saved
    script = {**form, "image": (io.BytesIO(PHP), "trees.png"), "image_alt": "Trees"}
    refused = client.post_form(f"{url}new", script, content_type="multipart/form-data")
    assert refused.status_code == 400 and "named like a PNG file" in refused.text
    good = {**form, "image": (io.BytesIO(png()), "trees.png"), "image_alt": "Plane trees"}
    assert (
        client.post_form(f"{url}new", good, content_type="multipart/form-data").status_code == 302
    )
    proposal = session.scalar(select(Proposal))
    cover = api.attachments.cover("proposals_proposal", proposal.id)
    assert list(cover.alt.values()) == ["Plane trees"]
    assert f'src="/files/{cover.key}/small" alt="Plane trees"' in client.get(url).text
    assert (
        f'src="/files/{cover.key}/medium" alt="Plane trees"'
        in client.get(f"{url}{proposal.id}/").text
    )
