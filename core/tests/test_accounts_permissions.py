"""The permission engine asks unconfirmed accounts to confirm their address first."""

from __future__ import annotations

from flask_babel import force_locale

from pnyx.core_hooks import ACCOUNT, ADMIN, PUBLIC, VIEW
from pnyx.permissions import decide


def test_an_unconfirmed_person_reads_and_manages_their_account_only(session, make_user) -> None:
    user = make_user(confirmed_at=None, roles=["admin"])

    assert decide(user, VIEW) and decide(user, PUBLIC)  # audience "anyone"
    assert decide(user, ACCOUNT)  # signing out, asking for a new link
    with force_locale("en"):
        refused = decide(user, ADMIN)
    assert not refused
    assert refused.missing == "confirm_email"
    assert "Confirm your e-mail address" in refused.reason


def test_confirmed_people_and_managed_participants_are_not_asked(session, make_user) -> None:
    assert decide(make_user(roles=["admin"]), ADMIN)
    managed = make_user(email=None, password=None, managed=True, confirmed_at=None)
    refused = decide(managed, ADMIN)
    assert not refused and refused.missing != "confirm_email"
