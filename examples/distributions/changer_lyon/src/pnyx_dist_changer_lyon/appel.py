"""The "Appel à Changer Lyon": the collective's founding text, a participatory text.

Imported as one structured text (titles and articles, the proposals plugin's participatory
texts) and published: each article becomes an official proposal (the organization's, not the
staff member's) that residents comment on and amend during the "Comments and amendments"
phase (``amendments.py``); the whole text, in its versions, reads on the text's page.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_comments.models import AGAINST, FOR, NEUTRAL, Comment
from pnyx_dist_changer_lyon.amendments import seed_amendments
from pnyx_dist_changer_lyon.build import at, component, person, process, text
from pnyx_dist_changer_lyon.taxonomy import Terms
from pnyx_proposals.models import RESOURCE, Proposal
from pnyx_proposals.texts import parsing, publishing

SLUG = "appel-a-changer-lyon"
#: The Appel's titles (sections) and articles: (section, [(article title, theme, body)]), in
#: French, as the assemblies wrote it.
SECTIONS = (
    (
        "Titre I — Décider ensemble",
        (
            (
                "Article 1 — Une ville qui décide avec ses habitants",
                "democracy",
                "Les grandes décisions qui touchent la vie quotidienne des Lyonnaises et des "
                "Lyonnais sont préparées **avec eux** : assemblées citoyennes, ateliers ouverts, "
                "budgets participatifs dans chaque arrondissement.",
            ),
        ),
    ),
    (
        "Titre II — Vivre la ville",
        (
            (
                "Article 2 — Une ville vivable l’été",
                "ecology",
                "Chaque quartier dispose d’îlots de fraîcheur accessibles à pied en moins de cinq "
                "minutes ; les cours d’école deviennent des jardins ouverts au quartier.",
            ),
            (
                "Article 3 — Une rue partagée",
                "mobility",
                "La rue appartient d’abord aux piétons, aux enfants et aux personnes âgées : des "
                "trottoirs larges, des bancs, des pistes cyclables continues et sûres.",
            ),
            (
                "Article 4 — Se loger dignement",
                "housing",
                "Personne ne consacre plus du tiers de son revenu à son logement ; aucune "
                "personne ne dort à la rue faute de place d’hébergement.",
            ),
        ),
    ),
    (
        "Titre III — Rendre des comptes",
        (
            (
                "Article 5 — Suivre chaque engagement",
                "democracy",
                "Chaque engagement de cet Appel est suivi publiquement : ce qui est fait, ce qui "
                "reste à faire, et pourquoi.",
            ),
        ),
    ),
)
ARTICLES = tuple(article for _section, articles in SECTIONS for article in articles)


def markdown() -> str:
    """The Appel as the Markdown file staff would import (``#`` titles, ``##`` articles)."""
    parts = []
    for section, articles in SECTIONS:
        parts.append(f"# {section}")
        for title, _theme, body in articles:
            parts += [f"## {title}", body]
    return "\n\n".join(parts) + "\n"


PREAMBLE = text(
    "Nous, habitantes et habitants de Lyon, appelons à changer notre ville **ensemble**. Cet "
    "Appel a été écrit en assemblées ouvertes ; chacun peut en commenter chaque article "
    "jusqu’à la fin de la phase d’amendements.",
    "We, the people of Lyon, call for changing our city **together**. This Call was written in "
    "open assemblies; everyone may comment on each article until the amendments phase ends.",
)
#: (article number, alignment, body): residents' suggestions under the articles.
READERS = ("Marion Chevalier", "Sami Bouzid", "Odile Ferrier", "Hugo Vial")
SUGGESTIONS = (
    (0, FOR, "D’accord, à condition que les décisions des assemblées soient suivies d’effet."),
    (1, NEUTRAL, "Cinq minutes à pied, c’est ambitieux pour la Presqu’île : préciser le délai."),
    (2, FOR, "Oui, et des traversées piétonnes plus longues pour les personnes âgées."),
    (3, AGAINST, "Le tiers du revenu n’est pas de la compétence de la ville seule."),
)


def seed_appel(session: Session, today: dt.date, terms: Terms) -> api.Space:
    day = dt.timedelta(days=1)
    space = process(
        session,
        SLUG,
        text("L’Appel à Changer Lyon", "The Call to change Lyon"),
        PREAMBLE,
        [
            (text("Écriture collective", "Writing together"), today - 90 * day, today - 31 * day),
            (
                text("Commentaires et amendements", "Comments and amendments"),
                today - 30 * day,
                today + 30 * day,
            ),
            (
                text("Adoption en assemblée plénière", "Adoption in plenary"),
                today + 31 * day,
                today + 45 * day,
            ),
        ],
        1,
        position=1,
        highlighted=True,
        territory_id=terms.city.id,
    )
    articles = component(
        session,
        space,
        "proposals",
        text("Le texte de l’Appel", "The Call’s text"),
        default_step={"creation_enabled": False, "supports_enabled": True},
        # Residents amend the articles during the amendments phase only.
        per_phase={1: {"amendments_enabled": True}},
    )
    found = _publish_text(session, articles, terms, today)
    readers = [
        person(session, f"appel-{n}@changerlyon.pnyx.test", name) for n, name in enumerate(READERS)
    ]
    _comments(session, articles, found, readers)
    seed_amendments(session, articles, found, readers, today)
    return space


def _publish_text(
    session: Session, articles: api.Component, terms: Terms, today: dt.date
) -> list[Proposal]:
    """Import the Markdown, publish it (an official proposal per article), date and file the
    articles as the collective did a month ago."""
    staff = session.scalar(select(api.User).where(api.User.email.like("admin@%")).limit(1))
    nodes = parsing.structure(parsing.markdown_blocks(markdown()))
    version = publishing.import_text(
        session, articles, "L’Appel à Changer Lyon", "markdown", "appel.md", nodes, staff
    )
    publishing.publish_imported(session, version)
    written = at(today - dt.timedelta(days=31))
    version.published_at = written
    ids = [item.proposal_id for item in version.items if item.proposal_id is not None]
    found = [session.get(Proposal, proposal_id) for proposal_id in ids]
    assert len(found) == len(ARTICLES), "every article of the Appel is a proposal"
    for proposal, (_title, theme, _body) in zip(found, ARTICLES, strict=True):
        proposal.territory_id = terms.city.id
        proposal.themes = [terms.themes[theme]]
        proposal.created_at = proposal.published_at = written
    session.flush()
    return found


def _comments(
    session: Session, articles: api.Component, found: list[Proposal], readers: list[api.User]
) -> None:
    for number, (article, alignment, body) in enumerate(SUGGESTIONS):
        comment = Comment(
            resource_type=RESOURCE,
            resource_id=found[article].id,
            component_id=articles.id,
            author_id=readers[number].id,
            body=body,
            alignment=alignment,
            created_at=api.utcnow() - dt.timedelta(days=20 - number),
        )
        session.add(comment)
        session.flush()
        comment.root_id = comment.id
