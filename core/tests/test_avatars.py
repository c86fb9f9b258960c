"""Avatars on public profiles (issue 19 item 4): uploaded through attachments with an alt text,
shown on the profile (initials when there is none), removed with the picture or the account."""

from __future__ import annotations

import io

from sqlalchemy import select

from pnyx import api
from pnyx.personal_data.deletion import delete_account
from pnyx.testing.files import PHP, png


def send(client, **fields):
    form = {"nickname": "", **fields}
    return client.post_form("/account/profile", form, content_type="multipart/form-data")


def test_a_person_adds_an_avatar_with_alt_text_and_removes_it(client, session, make_user) -> None:
    ada = make_user(name="Ada Lovelace")
    client.sign_in(ada)
    profile = client.get(f"/people/{ada.id}", headers={"Accept-Language": "en"}).text
    assert '<span class="avatar avatar-large avatar-initials" aria-hidden="true">AL</span>' in (
        profile
    )
    page = client.get("/account/profile").text
    assert 'enctype="multipart/form-data"' in page and 'name="avatar"' in page
    no_alt = send(client, avatar=(io.BytesIO(png()), "me.png"))
    assert no_alt.status_code == 400 and 'aria-invalid="true"' in no_alt.text
    script = send(client, avatar=(io.BytesIO(PHP), "me.png"), avatar_alt="Ada")
    assert script.status_code == 400
    assert session.scalars(select(api.attachments.Attachment)).all() == []
    good = send(client, avatar=(io.BytesIO(png()), "me.png"), avatar_alt="Ada, smiling")
    assert good.status_code == 303
    session.refresh(ada)
    picture = api.attachments.cover("user", ada.id)
    assert ada.avatar_key == picture.key and list(picture.alt.values()) == ["Ada, smiling"]
    client.sign_out()
    profile = client.get(f"/people/{ada.id}").text
    assert f'src="/files/{picture.key}/small" alt="Ada, smiling"' in profile
    assert client.get(f"/files/{picture.key}/small").status_code == 200  # public, like the name

    client.sign_in(ada)
    assert send(client, remove_avatar="yes").status_code == 303
    session.refresh(ada)
    assert ada.avatar_key is None and api.attachments.cover("user", ada.id) is None


def test_deleting_the_account_removes_the_avatar(app, client, session, make_user) -> None:
    ada = make_user(name="Ada")
    client.sign_in(ada)
    send(client, avatar=(io.BytesIO(png()), "me.png"), avatar_alt="Ada")
    key = session.scalar(select(api.attachments.Attachment.key))
    with app.test_request_context():
        delete_account(session, session.get(api.User, ada.id))
        session.commit()
    assert session.scalars(select(api.attachments.Attachment)).all() == []
    assert session.get(api.User, ada.id).avatar_key is None
    assert client.get(f"/files/{key}/small").status_code == 404
