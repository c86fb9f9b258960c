"""Private files (issue 15's file answers): held while a form has pages left, claimed by their
sender only, downloaded by their sender and staff only, never public, never listed."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from flask_babel import force_locale
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from pnyx import api
from pnyx.testing.files import PDF, PHP, png

MB = 1024 * 1024


@pytest.fixture
def space(make_space):
    return make_space()


@pytest.fixture
def hold(app, session, space):
    def hold(user, data: bytes = PDF, name: str = "cv.pdf", **options):
        with app.test_request_context(), force_locale("en"):
            attachment = api.attachments.hold(
                FileStorage(io.BytesIO(data), filename=name),
                user=user,
                space=space,
                component=None,
                readers_action=api.actions.ADMIN_SPACE,
                **options,
            )
            session.commit()
            return attachment

    return hold


def test_a_held_file_is_its_senders_until_claimed(app, session, make_user, hold) -> None:
    ada, bob = make_user(name="Ada"), make_user(name="Bob")
    attachment = hold(ada)
    assert attachment.owner_type == api.attachments.HELD and attachment.owner_id == ada.id
    with app.test_request_context():
        assert api.attachments.held(attachment.key, bob) is None  # a key typed by someone else
        assert api.attachments.held(attachment.key, None) is None
        found = api.attachments.held(attachment.key, ada)
        api.attachments.claim(found, ("space", 99))
        session.commit()
        assert api.attachments.held(attachment.key, ada) is None  # claimed once
        # Never among the owner's public files.
        assert api.attachments.files_of("space", 99) == []
        assert [a.key for a in api.attachments.private_files_of("space", 99)] == [attachment.key]


def test_only_the_sender_and_staff_download_a_private_file(
    app, client, session, make_user, hold, space
) -> None:
    ada = make_user(name="Ada")
    key = hold(ada).key
    staff = make_user(name="Staff", roles=["admin"])
    client.sign_in(staff)
    assert client.get(f"/files/{key}").status_code == 404  # held: not sent yet
    client.sign_out()
    with app.test_request_context():
        api.attachments.claim(api.attachments.held(key, ada), ("space", space.id))
        session.commit()
    assert client.get(f"/files/{key}").status_code == 302  # anonymous: sign in first
    client.sign_in(make_user(name="Bob"))
    assert client.get(f"/files/{key}").status_code == 404
    client.sign_in(ada)
    mine = client.get(f"/files/{key}")
    assert mine.status_code == 200 and mine.data == PDF
    assert mine.headers["Cache-Control"] == "private, no-store"
    client.sign_in(staff)
    assert client.get(f"/files/{key}").status_code == 200


def test_limits_of_size_and_kind_are_explained(make_user, hold) -> None:
    ada = make_user()
    with pytest.raises(api.attachments.AttachmentError, match="at most 1 MB"):
        hold(ada, b"%PDF-1.4\n" + b"0" * (2 * MB), limit=MB)
    with pytest.raises(api.attachments.AttachmentError, match="Send one of: PDF"):
        hold(ada, png(), "photo.png", accepted={"pdf"})
    with pytest.raises(api.attachments.AttachmentError, match="named like a PDF"):
        hold(ada, PHP, "cv.pdf")
    # An unrecognised file: the refusal lists what this field takes, not every kind.
    with pytest.raises(api.attachments.AttachmentError, match=r"Accepted files: PDF, PNG\.$"):
        hold(ada, PHP, "cv.pdf", accepted={"pdf", "png"})
    image = hold(ada, png(), "photo.png", accepted={"pdf", "png"})  # no alt text asked
    assert image.is_image and image.alt == {}


def test_unclaimed_files_go_after_a_day_and_with_their_sender(
    app, session, make_user, hold
) -> None:
    ada = make_user()
    old = hold(ada)
    old.created_at = api.utcnow() - dt.timedelta(days=2)
    session.commit()
    kept = hold(ada)  # holding a new file clears the sender's stale ones
    keys = set(session.scalars(select(api.attachments.Attachment.key)))
    assert keys == {kept.key}
    with app.test_request_context():
        from pnyx.personal_data.deletion import delete_account

        delete_account(session, session.get(api.User, ada.id))
        session.commit()
    assert session.scalars(select(api.attachments.Attachment)).all() == []
