"""Residents' amendments to the Appel's articles (the proposals plugin's amendments): one
accepted, so the article reads as amended and the text has a version 2, two pending with
supports, one rejected with the reason the collective gave."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_dist_changer_lyon.build import at
from pnyx_proposals.amendments.models import (
    ACCEPTED,
    PENDING,
    REJECTED,
    Amendment,
    AmendmentSupport,
)
from pnyx_proposals.markdown import plain_text
from pnyx_proposals.models import Proposal
from pnyx_proposals.texts import publishing

#: (article number, state, words replaced, new words, reason if rejected): each by the reader
#: of the same rank.
AMENDMENTS = (
    (1, ACCEPTED, "en moins de cinq minutes", "en moins de dix minutes, et cinq en 2030", ""),
    (
        2,
        PENDING,
        "des pistes cyclables continues et sûres.",
        "des pistes cyclables continues et sûres, et des traversées piétonnes où l’on a le "
        "temps de traverser.",
        "",
    ),
    (
        3,
        REJECTED,
        "Personne ne consacre plus du tiers",
        "Personne ne consacre plus du quart",
        "L’assemblée Logement a débattu du seuil : le tiers est celui des indicateurs "
        "nationaux ; le quart rendrait l’engagement impossible à suivre.",
    ),
    (
        0,
        PENDING,
        "budgets participatifs dans chaque arrondissement.",
        "budgets participatifs dans chaque arrondissement, et un droit de pétition qui oblige "
        "le conseil municipal à débattre.",
        "",
    ),
)
VERSION_NOTE = "L’amendement sur l’article 2 (dix minutes, cinq en 2030) est accepté."


def seed_amendments(
    session: Session,
    articles: api.Component,
    found: list[Proposal],
    readers: list[api.User],
    today: dt.date,
) -> None:
    staff = session.scalar(select(api.User).where(api.User.email.like("admin@%")).limit(1))
    decided = at(today - dt.timedelta(days=4))
    for number, (article, state, old, new, reason) in enumerate(AMENDMENTS):
        proposal = found[article]
        body = proposal.body.replace(old, new)
        assert body != proposal.body, f"amendment {number} changes nothing"
        amendment = Amendment(
            proposal_id=proposal.id,
            component_id=articles.id,
            author_id=readers[number].id,
            title=proposal.title,
            body=body,
            old_title=proposal.title,
            old_body=proposal.body,
            base_version=proposal.version,
            state=state,
            reason=reason,
            decided_at=None if state == PENDING else decided,
            decided_by_id=staff.id if staff is not None and state != PENDING else None,
            created_at=at(today - dt.timedelta(days=20 - number)),
        )
        session.add(amendment)
        session.flush()
        supporters = [r for r in readers if r.id != amendment.author_id][: 3 - number % 3]
        for supporter in supporters:
            session.add(AmendmentSupport(amendment_id=amendment.id, user_id=supporter.id))
        amendment.supports_count = len(supporters)
        if state == ACCEPTED:  # the article reads as amended
            proposal.body, proposal.summary = body, plain_text(body)[:300]
            proposal.version += 1
    session.flush()
    # The text's version 2 holds the accepted amendment (its page shows what changed).
    version = publishing.publish_new_version(session, articles, VERSION_NOTE, staff)
    version.published_at = decided
