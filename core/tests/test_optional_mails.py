"""Optional e-mails (issue 10 item 11): plugins declare them, a person turns each off on
"E-mails I receive", and ``api.wants_mail`` answers from their account."""

from __future__ import annotations

import pytest
from flask import current_app
from sqlalchemy import select

from pnyx import api
from pnyx.models import ActionLog


@pytest.fixture
def declared(app):
    api.register_optional_mail(app, "sample.digest", "the weekly digest")
    api.register_optional_mail(app, "sample.reminder", "reminders")
    return app


def test_every_optional_mail_is_on_until_the_person_turns_it_off(
    client, session, make_user, declared
) -> None:
    user = make_user()
    assert api.wants_mail(user, "sample.digest") and not api.wants_mail(None, "sample.digest")
    client.sign_in(user)
    page = client.get("/account/e-mails").get_data(as_text=True)
    assert "the weekly digest" in page and page.count(" checked") == 2

    saved = client.post_form("/account/e-mails", data={"wanted": ["sample.reminder"]})

    assert saved.status_code == 303
    session.refresh(user)
    assert user.mail_opt_outs == ["sample.digest"]
    assert not api.wants_mail(user, "sample.digest") and api.wants_mail(user, "sample.reminder")
    entry = session.scalar(
        select(ActionLog).where(ActionLog.action == "pnyx.account.mail_preferences_updated")
    )
    assert entry.visibility == "private" and entry.extra == {"turned_off": ["sample.digest"]}


def test_kinds_of_disabled_plugins_keep_their_choice(client, session, make_user, declared) -> None:
    user = make_user()
    user.mail_opt_outs = ["gone.kind"]
    session.commit()
    client.sign_in(user)
    client.post_form("/account/e-mails", data={"wanted": ["sample.digest", "sample.reminder"]})
    session.refresh(user)
    assert user.mail_opt_outs == ["gone.kind"]


def test_the_page_is_listed_on_the_account_page(client, make_user) -> None:
    client.sign_in(make_user())
    assert "/account/e-mails" in client.get("/account").get_data(as_text=True)
    assert current_app  # the page exists even when no plugin declares an optional mail
    assert "No optional e-mail" in client.get("/account/e-mails").get_data(as_text=True)
