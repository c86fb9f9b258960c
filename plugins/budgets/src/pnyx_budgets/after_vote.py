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

from sqlalchemy.orm import joinedload, lazyload

from pnyx import api
from pnyx_budgets import vote_mail
from pnyx_budgets.models import BUDGET_RESOURCE, CAST, Ballot, Budget

WITH_PLACE = joinedload(Ballot.budget).joinedload(Budget.component).joinedload(api.Component.space)


@api.job(retries=5)
def after_cast(ballot_id: int, replaced: bool) -> None:
    """Make the voter follow the budget, then send the confirmation (both when wanted)."""
    session = api.db_session()
    # one query for the ballot, its budget, component and space (the e-mail's links)
    ballot = session.get(Ballot, ballot_id, options=[WITH_PLACE])
    if ballot is None or ballot.status != CAST or ballot.voter_id is None:
        return  # replaced, cancelled or anonymised since: nothing to tell about it
    user = session.get(api.User, ballot.voter_id, options=[lazyload(api.User.organization_roles)])
    if user is None:
        return
    budget = ballot.budget
    # voters follow the budget they voted in, to hear its results (reversible, explained)
    api.follow(user, (BUDGET_RESOURCE, budget.id), component=budget.component, reason="voted")
    session.commit()
    vote_mail.send_vote_receipt(user, budget, ballot, replaced=replaced)
