"""Following proposals (issue 19): authors follow what they publish; followers hear answers."""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.models import Notification
from pnyx.testing import PnyxClient
from pnyx_proposals.models import RESOURCE, Proposal

BODY = "A body long enough to be a proposal, about bike racks."


def test_author_follows_and_followers_hear_the_answer(
    client: PnyxClient,
    session: Session,
    url: str,
    admin_url: str,
    make_user: Callable[..., api.User],
) -> None:
    ada, bob = make_user(name="Ada"), make_user(name="Bob")
    admin = make_user(name="Admin", roles=["admin"])
    client.sign_in(ada)
    client.post_form(f"{url}new", {"title": "Bike racks", "body": BODY, "intent": "publish"})
    [proposal] = session.scalars(select(Proposal)).all()
    assert api.following(ada, (RESOURCE, proposal.id)).reason == "author"
    assert "because you wrote it" in client.get(f"{url}{proposal.id}/").text

    assert "Bike racks" in client.get(f"/people/{ada.id}").text  # public contribution

    client.sign_in(bob)
    page = client.get(f"{url}{proposal.id}/").text
    token = re.search(r'name="target" value="([^"]+)"', page)
    assert token and "Follow" in page
    client.post_form("/follow", {"target": token.group(1)})

    client.sign_in(admin)
    form = {"state": "accepted", "answer_fr": "Oui !", "answer_en": "Yes!"}
    client.post_form(f"{admin_url}{proposal.id}/answer", form)
    session.commit()
    notes = session.scalars(select(Notification)).all()
    # Bob follows it; Ada, its author, has the plugin's own e-mail instead
    assert [(n.user_id, n.kind) for n in notes] == [(bob.id, "proposals.answered")]
    # The title under the language Ada wrote it in (the page's: English), for ``lang`` marks.
    assert notes[0].title == {"en": "Bike racks"} and notes[0].detail["en"] == "Accepted"
    assert notes[0].url.endswith(f"/{proposal.id}/")
