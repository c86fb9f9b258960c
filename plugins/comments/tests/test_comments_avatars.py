"""Avatars next to authored content (issue 19 item 4): a comment and a proposal show their
author's picture (alt empty: the name is beside it) or initials, with no query per name."""

from __future__ import annotations

import io

from pnyx import api
from pnyx.testing.files import png


def test_comments_and_proposals_show_their_authors_avatars(
    client, session, page, post_url, proposal, make_user
) -> None:
    ada = make_user(name="Ada Lovelace")
    client.sign_in(ada)
    form = {"nickname": "", "avatar": (io.BytesIO(png()), "me.png"), "avatar_alt": "Ada"}
    client.post_form("/account/profile", form, content_type="multipart/form-data")
    client.post_form(post_url, {"body": "Yes, along the river."})
    picture = api.attachments.cover("user", ada.id)
    text = client.get(page).text
    assert f'<img class="avatar avatar-small" src="/files/{picture.key}/small" alt=""' in text
    # The proposal's author has no picture: initials, hidden from screen readers.
    assert '<span class="avatar avatar-small avatar-initials" aria-hidden="true">AA</span>' in text
