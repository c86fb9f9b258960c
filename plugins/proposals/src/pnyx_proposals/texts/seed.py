"""A demo participatory text, published, in two versions (the second after an amendment)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pnyx import api
from pnyx_proposals.models import Proposal
from pnyx_proposals.texts import parsing, publishing

TEXT = """# Titre I — Se déplacer

## Article 1 — Le vélo

Chaque rue reçoit une piste cyclable sûre.

## Article 2 — Les bus

Les bus passent toutes les dix minutes en journée.

# Titre II — Se loger

## Article 3 — Les loyers

Les loyers sont encadrés dans les quartiers tendus.
"""


def seed_text(session: Session, component: api.Component, staff: api.User | None) -> None:
    """Import, publish, change an article, publish version 2 (the caller commits)."""
    nodes = parsing.structure(parsing.markdown_blocks(TEXT))
    version = publishing.import_text(
        session,
        component,
        "Appel à changer la ville",
        "markdown",
        "appel.md",
        nodes,
        staff,
        language="fr",
    )
    publishing.publish_imported(session, version)
    first = session.get(Proposal, version.items[1].proposal_id)
    assert first is not None
    first.body = "Chaque rue reçoit une piste cyclable sûre et séparée des voitures."
    publishing.publish_new_version(
        session, component, "L'amendement sur l'article 1 est accepté.", staff
    )
