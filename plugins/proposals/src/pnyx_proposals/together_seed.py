"""Demo data for writing together (issue 20): an official proposal, co-authors, and
amendments in each state, so the demo (and the browser tests' crawl) shows every page."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from pnyx import api
from pnyx_proposals.amendments.models import ACCEPTED, PENDING, REJECTED, Amendment
from pnyx_proposals.coauthors.models import ACCEPTED as COAUTHOR
from pnyx_proposals.coauthors.models import INVITED, Coauthor
from pnyx_proposals.markdown import plain_text
from pnyx_proposals.models import Proposal

OFFICIAL = (
    "Un plan fraîcheur pour les cours d'école",
    "La ville propose de **végétaliser les cours d'école** d'ici trois ans, en commençant "
    "par les plus chaudes. Vos amendements sont les bienvenus.",
)


def seed_together(
    session: Session,
    component: api.Component,
    proposals: list[Proposal],
    people: list[api.User],
    now: dt.datetime,
) -> None:
    """The caller flushed ``proposals`` (they have ids) and commits."""
    settings = dict(component.settings or {})
    settings["default_step"] = {**settings.get("default_step", {}), "amendments_enabled": True}
    component.settings = settings
    title, body = OFFICIAL
    session.add(
        Proposal(
            component_id=component.id,
            authorship="official",
            title=title,
            body=body,
            language="fr",
            summary=plain_text(body),
            created_at=now - dt.timedelta(days=20),
            published_at=now - dt.timedelta(days=20),
        )
    )
    first, second = proposals[0], proposals[1]
    session.add(Coauthor(proposal_id=first.id, user_id=people[1].id, status=COAUTHOR))
    session.add(Coauthor(proposal_id=first.id, user_id=people[2].id, status=INVITED))
    for author, proposal, state, extra in (
        (people[3], first, PENDING, " Avec des bancs à l'ombre."),
        (people[4], second, REJECTED, " Et une fontaine."),
        (people[5], second, ACCEPTED, ""),
    ):
        new_body = proposal.body + extra if extra else proposal.body.replace(".", " !", 1)
        session.add(
            Amendment(
                proposal_id=proposal.id,
                component_id=component.id,
                author_id=author.id,
                title=proposal.title,
                body=new_body,
                language="fr",
                old_title=proposal.title,
                old_body=proposal.body,
                state=state,
                reason="Hors du sujet de la proposition." if state == REJECTED else "",
                decided_at=None if state == PENDING else now,
                supports_count=0,
            )
        )
        if state == ACCEPTED:  # the proposal reads as amended
            proposal.body, proposal.summary = new_body, plain_text(new_body)
            proposal.version = 2
