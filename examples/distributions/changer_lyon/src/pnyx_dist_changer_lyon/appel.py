"""The "Appel à Changer Lyon": the collective's founding text, open for comments.

Changer Lyon ran it as a participatory text whose articles residents amended. Pnyx's
participatory texts and amendments (issue 20) are not in the proposals plugin yet, so the
Appel is seeded as what exists: a page with the whole text, and one proposal per article that
residents comment on. The README says so.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_comments.models import AGAINST, FOR, NEUTRAL, Comment
from pnyx_dist_changer_lyon.build import at, component, person, process, text
from pnyx_dist_changer_lyon.taxonomy import Terms
from pnyx_pages.models import Page
from pnyx_proposals.markdown import plain_text
from pnyx_proposals.models import RESOURCE, Proposal

SLUG = "appel-a-changer-lyon"
#: Title, theme, body (French: the Appel was written in French).
ARTICLES = (
    (
        "Article 1 — Une ville qui décide avec ses habitants",
        "democracy",
        "Les grandes décisions qui touchent la vie quotidienne des Lyonnaises et des Lyonnais "
        "sont préparées **avec eux** : assemblées citoyennes, ateliers ouverts, budgets "
        "participatifs dans chaque arrondissement.",
    ),
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
        "Personne ne consacre plus du tiers de son revenu à son logement ; aucune personne ne "
        "dort à la rue faute de place d’hébergement.",
    ),
    (
        "Article 5 — Rendre des comptes",
        "democracy",
        "Chaque engagement de cet Appel est suivi publiquement : ce qui est fait, ce qui reste "
        "à faire, et pourquoi.",
    ),
)
PREAMBLE = text(
    "Nous, habitantes et habitants de Lyon, appelons à changer notre ville **ensemble**. Cet "
    "Appel a été écrit en assemblées ouvertes ; chacun peut en commenter chaque article "
    "jusqu’à la fin de la phase d’amendements.",
    "We, the people of Lyon, call for changing our city **together**. This Call was written in "
    "open assemblies; everyone may comment on each article until the amendments phase ends.",
)
#: (article number, alignment, body): residents' suggestions under the articles.
SUGGESTIONS = (
    (0, FOR, "Ajouter : « et dans chaque métropole voisine » ?"),
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
    pages = component(session, space, "pages", text("Le texte de l’Appel", "The Call’s text"))
    session.add(
        Page(
            component_id=pages.id,
            slug="appel",
            position=0,
            title=text("L’Appel à Changer Lyon", "The Call to change Lyon"),
            body={
                "fr": PREAMBLE["fr"]
                + "".join(f"\n\n## {title}\n\n{body}" for title, _t, body in ARTICLES),
                "en": PREAMBLE["en"]
                + "\n\nThe articles are in French, as the assemblies wrote them.",
            },
        )
    )
    articles = component(
        session,
        space,
        "proposals",
        text("Les articles de l’Appel", "The Call’s articles"),
        default_step={"creation_enabled": False, "supports_enabled": True},
    )
    _articles(session, articles, terms, today)
    return space


def _articles(session: Session, articles: api.Component, terms: Terms, today: dt.date) -> None:
    drafter = session.scalar(select(api.User).where(api.User.email.like("admin@%")).limit(1))
    written = at(today - dt.timedelta(days=31))
    found = []
    for number, (title, theme, body) in enumerate(ARTICLES):
        proposal = Proposal(
            component_id=articles.id,
            author_id=drafter.id if drafter else None,
            title=title,
            body=body,
            summary=plain_text(body)[:300],
            territory_id=terms.city.id,
            themes=[terms.themes[theme]],
            created_at=written + dt.timedelta(minutes=number),
            published_at=written + dt.timedelta(minutes=number),
        )
        session.add(proposal)
        found.append(proposal)
    session.flush()
    readers = [
        person(session, f"appel-{n}@changerlyon.pnyx.test", name)
        for n, name in enumerate(("Marion Chevalier", "Sami Bouzid", "Odile Ferrier", "Hugo Vial"))
    ]
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
