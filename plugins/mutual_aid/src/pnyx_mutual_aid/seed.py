"""Demo content: a neighbourhood mutual-aid board, as Angers ran one in spring 2020.

In the demo (``pnyx demo``) the board gets its own space, "Entraide entre
voisins", rather than sitting in the participatory budget. Offers and
requests in the demo's communes, one of them matched after a conversation.

:func:`fill` is the public helper behind it: a distribution gives it its own
neighbours, posts, territories and conversation (Angers' "Angers solidaire"),
docs/distributions.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_mutual_aid.categories import DEFAULTS, in_every_locale
from pnyx_mutual_aid.models import AidCategory, AidConversation, AidMessage, AidPost

DEMO_SPACE = "budget-participatif"
OWN_SPACE = "entraide"
NEIGHBOURS = (
    ("entraide-claire@demo.pnyx.test", "Claire Voisine"),
    ("entraide-yanis@demo.pnyx.test", "Yanis Solidaire"),
    ("entraide-odette@demo.pnyx.test", "Odette Lavergne"),
)
#: (author, kind, category, place, title, body, days ago): ``author`` is an index in the
#: neighbours, ``category`` a code of ``categories.DEFAULTS``, ``place`` a key of the territories
#: :func:`fill` is given (here a commune's code).
Post = tuple[int, str, str, str, str, str, int]
#: The first post's author and the neighbour who helped: the helper's message, the author's answer.
Exchange = tuple[str, str]

#: The demo's neighbours help each other in the demo's communes.
POSTS: tuple[Post, ...] = (
    (
        2,
        "request",
        "shopping",
        "37261",
        "Courses de la semaine",
        "J'ai 82 ans et je ne sors plus pendant l'épidémie. Quelqu'un pourrait-il faire mes "
        "courses le jeudi ? Je prépare la liste et l'argent à l'avance.",
        3,
    ),
    (
        0,
        "offer",
        "shopping",
        "37261",
        "Je fais vos courses au marché des Halles",
        "Je vais au marché chaque samedi matin et je peux prendre les courses de deux ou trois "
        "voisins. Fruits, légumes, pain.",
        2,
    ),
    (
        1,
        "offer",
        "company",
        "37018",
        "Un appel par jour pour ne pas rester seul",
        "Étudiant en confinement, j'ai du temps : je peux appeler chaque jour une personne isolée "
        "pour discuter un moment.",
        5,
    ),
    (
        0,
        "offer",
        "childcare",
        "37261",
        "Aide aux devoirs en visio",
        "Ancienne institutrice, j'aide les enfants du CP au CM2 pour leurs devoirs, en visio, "
        "le mardi et le jeudi après 17 h.",
        4,
    ),
    (
        2,
        "request",
        "pets",
        "37063",
        "Promener mon chien",
        "Je suis à l'isolement pour quinze jours : qui peut promener Filou (un petit chien très "
        "sage) le matin ?",
        1,
    ),
    (
        1,
        "offer",
        "tools",
        "37018",
        "Je prête ma machine à coudre",
        "Pour ceux qui cousent des masques : je prête ma machine à coudre, à récupérer devant chez "
        "moi.",
        6,
    ),
    (
        0,
        "request",
        "transport",
        "37063",
        "Trajet vers l'hôpital de Chinon",
        "J'ai un rendez-vous à l'hôpital le 14 : quelqu'un pourrait-il m'y conduire "
        "et me ramener ?",
        2,
    ),
)


EXCHANGE: Exchange = (
    "Bonjour, je peux faire vos courses jeudi. Vous me donnez la liste ?",
    "Merci beaucoup ! Je la glisse sous la porte mercredi soir.",
)


def seed(session: Session, component: api.Component) -> None:
    """Fill ``component`` with the demo posts (the caller commits)."""
    if component.space.slug == DEMO_SPACE:
        component.space = own_space(session)
    communes = {term.code: term.id for term in session.scalars(select(api.TaxonomyTerm))}
    fill(session, component, NEIGHBOURS, POSTS, communes, helper=0, exchange=EXCHANGE)


def fill(
    session: Session,
    component: api.Component,
    neighbours: Sequence[tuple[str, str]],
    posts: Sequence[Post],
    territories: Mapping[str, int],
    *,
    helper: int,
    exchange: Exchange,
) -> list[AidPost]:
    """The usual categories, the ``neighbours`` (``(email, name)``) and their ``posts``, each up
    for 14 days; the first post matched two days ago after ``exchange`` with neighbour number
    ``helper``. A place missing from ``territories`` leaves the post without one. The caller
    commits."""
    categories = add_categories(session, component)
    people = [api.seeding.person(session, email, name) for email, name in neighbours]
    now = api.utcnow()
    rows = []
    for author, kind, category, place, title, body, days in posts:
        created = now - dt.timedelta(days=days)
        post = AidPost(
            component_id=component.id,
            author=people[author],
            kind=kind,
            category_id=categories[category].id,
            territory_id=territories.get(place),
            title=title,
            body=body,
            created_at=created,
            expires_at=created + dt.timedelta(days=14),
        )
        session.add(post)
        rows.append(post)
    session.flush()
    matched_conversation(session, rows[0], people[helper], now, exchange)
    return rows


def own_space(session: Session) -> api.Space:
    found = session.scalar(select(api.Space).where(api.Space.slug == OWN_SPACE))
    if found is None:
        found = api.Space(
            type="process",
            slug=OWN_SPACE,
            title={
                "fr": "Entraide entre voisins",
                "en": "Neighbours helping each other",
                "co": "Aiutu trà vicini",
            },
            description={
                "fr": "Comme Angers au printemps 2020 : proposez ou demandez un coup de main "
                "près de chez vous.",
                "en": "As Angers did in spring 2020: offer or ask for a hand near you.",
                "co": "Cum'è Angers à a primavera 2020 : offrite o dumandate un aiutu vicinu "
                "à voi.",
            },
            published=True,
            position=2,
        )
        title = {"fr": "Entraide", "en": "Mutual aid", "co": "Aiutu"}
        found.steps.append(
            api.Step(
                position=0,
                title=title,
                start_date=dt.date.today(),
                active=True,
                activated_at=api.utcnow(),
            )
        )
        session.add(found)
        session.flush()
    return found


def add_categories(session: Session, component: api.Component) -> dict[str, AidCategory]:
    rows = {}
    for position, (code, label) in enumerate(DEFAULTS):
        rows[code] = AidCategory(
            component_id=component.id, code=code, name=in_every_locale(label), position=position
        )
        session.add(rows[code])
    session.flush()
    return rows


def matched_conversation(
    session: Session, post: AidPost, helper: api.User, now: dt.datetime, exchange: Exchange
) -> None:
    conversation = AidConversation(
        component_id=post.component_id,
        post_id=post.id,
        author_id=post.author_id,
        responder_id=helper.id,
        created_at=now - dt.timedelta(days=2),
    )
    session.add(conversation)
    session.flush()
    for offset, sender, body in ((48, helper, exchange[0]), (47, post.author, exchange[1])):
        session.add(
            AidMessage(
                conversation_id=conversation.id,
                sender_id=sender.id,
                body=body,
                created_at=now - dt.timedelta(hours=offset),
            )
        )
    conversation.last_message_at = now - dt.timedelta(hours=47)
    post.status = "matched"
    post.matched_at = now - dt.timedelta(hours=46)
