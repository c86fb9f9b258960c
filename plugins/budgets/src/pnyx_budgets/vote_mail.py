"""The vote confirmation e-mail: the receipt code, after a ballot is cast or replaced.

Sent by the job that follows a checkout (:mod:`pnyx_budgets.after_vote`, after
the transaction commits: never about a ballot a rollback took back), through the
core's mail service, to people who
did not turn it off on their account ("E-mails I receive", issue 10 item 11).
The message holds the receipt code and the budget, never the projects chosen.
"""

from __future__ import annotations

import contextlib

from flask import url_for
from flask_babel import force_locale

from pnyx import api
from pnyx_budgets.models import Ballot, Budget

#: The optional e-mail's name, as people's accounts store what they turned off.
VOTE_RECEIPT = "budgets.vote_receipt"


#: What the e-mail brings, as "E-mails I receive" lists it (translated when shown).
LABEL = api._l("when I vote in a participatory budget: a confirmation with my receipt code")


def recipient_locale(user: api.User) -> str | None:
    """The person's language when the organization offers it, else the page's."""
    return user.locale or None


def send_vote_receipt(user: api.User, budget: Budget, ballot: Ballot, *, replaced: bool) -> bool:
    """Send the confirmation when the person wants it (from the job that follows the vote:
    the vote is committed, so a failure here only makes the job try again)."""
    if not user.email or not api.wants_mail(user, VOTE_RECEIPT):
        return False
    locale = recipient_locale(user)
    with force_locale(locale) if locale else contextlib.nullcontext():
        title = api.translated(budget.title, locale)
        if replaced:
            subject = api._("Your new ballot is cast: %(budget)s", budget=title)
        else:
            subject = api._("Your ballot is cast: %(budget)s", budget=title)
    return api.send_mail(
        user.email,
        subject,
        "budgets/mail/voted.txt",
        locale=locale,
        user=user,
        title=title,
        code=ballot.receipt_code,
        cast_at=ballot.cast_at,
        replaced=replaced,
        receipt_url=api.component_url(
            budget.component, "receipt", budget_id=budget.id, _external=True
        ),
        preferences_url=url_for("pnyx_auth.mail_preferences", _external=True),
        # the same ballot, the same Message-ID: delivered once, however often the job runs
        message_key=f"budgets.vote_receipt:{ballot.id}:{ballot.receipt_code}",
    )
