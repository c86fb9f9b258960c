"""What follows a cast ballot, in a background job: the voter follows the budget and
receives the confirmation e-mail (issue 22 item 7).

Neither changes the vote, so neither belongs in the checkout's transaction: the
checkout enqueues :func:`after_cast` once its commit is done (``api.enqueue``), and
the job runs after the response — in the same process without Redis (nothing
changes for a newcomer), in ``pnyx worker`` with it, retried when it fails. It is
idempotent: following twice is following once, and the e-mail's ``Message-ID``
comes from the ballot (``message_key``), so a job run twice delivers one message.
That key also lets this job deliver the message itself, rather than enqueue one more
job per ballot: a delivery failure fails this job, whose retry sends it.
"""

from __future__ import annotations

import functools

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import joinedload, lazyload

from pnyx import api
from pnyx_budgets import vote_mail
from pnyx_budgets.models import BUDGET_RESOURCE, CAST, Ballot, Budget

#: The budget, component and space with only what the follow and the e-mail read (their
#: title, ids, type and slug): the settings, descriptions and rules are neither sent nor
#: decoded (issue 22 item 7; a column read anyway would cost a statement, which
#: test_budgets_checkout_cost counts).
WITH_PLACE = (
    joinedload(Ballot.budget)
    .load_only(Budget.id, Budget.component_id, Budget.title)
    .joinedload(Budget.component)
    .load_only(api.Component.id, api.Component.space_id, api.Component.type)
    .joinedload(api.Component.space)
    .load_only(api.Space.id, api.Space.slug)
)


@functools.cache
def _ballot_and_voter() -> Select:
    """Built once (building it cost about what running it does)."""
    return (
        select(Ballot, api.User)
        .join(api.User, api.User.id == Ballot.voter_id)
        .where(Ballot.id == bindparam("ballot_id"))
        .options(WITH_PLACE, lazyload(api.User.organization_roles))
    )


@api.job(retries=5)
def after_cast(ballot_id: int, replaced: bool) -> None:
    """Make the voter follow the budget, then send the confirmation (both when wanted)."""
    session = api.db_session()
    # one query for the ballot, its voter, budget, component and space (the e-mail's links)
    row = session.execute(_ballot_and_voter(), {"ballot_id": ballot_id}).first()
    if row is None:
        return  # deleted or anonymised since: nothing to tell about it
    ballot, user = row
    if ballot.status != CAST:
        return  # replaced or cancelled since
    budget = ballot.budget
    # voters follow the budget they voted in, to hear its results (reversible, explained);
    # committed with the e-mail's record (one commit, not two), or below when no e-mail goes
    api.follow(user, (BUDGET_RESOURCE, budget.id), component=budget.component, reason="voted")
    vote_mail.send_vote_receipt(user, budget, ballot, replaced=replaced)
    session.commit()
