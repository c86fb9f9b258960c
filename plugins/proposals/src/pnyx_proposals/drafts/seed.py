"""Demo collaborative drafts: one written by two people over three versions, a request waiting."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pnyx import api
from pnyx_proposals.drafts import writing
from pnyx_proposals.drafts.models import ACCEPTED, REQUESTED, DraftCollaborator

VERSIONS = (
    "Un lieu couvert où les jeunes du quartier peuvent se retrouver le soir.",
    "Un lieu couvert et éclairé où les jeunes du quartier peuvent se retrouver le soir, "
    "avec des prises pour recharger les téléphones.",
    "Un abri couvert et éclairé près du gymnase où les jeunes du quartier peuvent se "
    "retrouver le soir, avec des prises pour recharger les téléphones et un panneau "
    "d'affichage pour les associations.",
)


def seed_drafts(session: Session, component: api.Component, people: list[api.User]) -> None:
    """Turn collaborative drafts on and write one (the caller commits)."""
    settings = dict(component.settings or {})
    settings["global"] = {**settings.get("global", {}), "collaborative_drafts_enabled": True}
    component.settings = settings
    author, co_writer, asking = people[0], people[1], people[2]
    draft = writing.start(
        session, component, author, "Un abri pour les jeunes", VERSIONS[0], language="fr"
    )
    session.add(
        DraftCollaborator(
            draft_id=draft.id, user_id=co_writer.id, status=ACCEPTED, decided_at=api.utcnow()
        )
    )
    session.add(DraftCollaborator(draft_id=draft.id, user_id=asking.id, status=REQUESTED))
    session.flush()
    for number, (editor, body) in enumerate(
        zip((co_writer, author), VERSIONS[1:], strict=True), start=1
    ):
        writing.save(session, draft, editor, draft.title, body, number)
