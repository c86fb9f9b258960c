""" "Angers solidaire": the mutual-aid space the city opened in spring 2020, neighbours
offering and asking for a hand, one request already matched after a conversation."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from pnyx import api
from pnyx_dist_angers.build import component, person, process, text
from pnyx_dist_angers.taxonomy import Terms
from pnyx_mutual_aid.categories import DEFAULTS, in_every_locale
from pnyx_mutual_aid.models import AidCategory, AidConversation, AidMessage, AidPost

SLUG = "angers-solidaire"
NEIGHBOURS = (
    ("entraide-1@angers.pnyx.test", "Josiane Boucher"),
    ("entraide-2@angers.pnyx.test", "Malik Traoré"),
    ("entraide-3@angers.pnyx.test", "Camille Renard"),
)
#: (author, kind, category, district, title, body, days ago)
POSTS = (
    (
        0,
        "request",
        "shopping",
        "monplaisir",
        "Courses du jeudi",
        "J’ai 84 ans et je ne porte plus de charges lourdes. Quelqu’un pourrait-il faire mes "
        "courses le jeudi au supermarché de Monplaisir ? Je prépare la liste.",
        3,
    ),
    (
        1,
        "offer",
        "shopping",
        "monplaisir",
        "Je fais vos courses au marché Lafayette",
        "Je vais au marché Lafayette le samedi matin : je peux prendre les courses de deux "
        "voisins.",
        2,
    ),
    (
        2,
        "offer",
        "company",
        "doutre",
        "Un appel par jour pour ne pas rester seul",
        "Étudiante à l’université d’Angers, j’ai du temps le soir : j’appelle volontiers une "
        "personne isolée pour discuter.",
        5,
    ),
    (
        1,
        "offer",
        "childcare",
        "belle-beille",
        "Aide aux devoirs",
        "Professeur retraité, j’aide les collégiens en maths le mercredi après-midi, à la "
        "maison de quartier.",
        4,
    ),
    (
        2,
        "request",
        "transport",
        "roseraie",
        "Trajet vers le CHU",
        "J’ai un rendez-vous au CHU mardi matin : quelqu’un pourrait-il m’y conduire ?",
        1,
    ),
    (
        0,
        "offer",
        "tools",
        "lac-de-maine",
        "Je prête ma perceuse et mon escabeau",
        "À récupérer au pied de l’immeuble, à rendre dans la semaine.",
        6,
    ),
)


def seed_mutual_aid(session: Session, today: dt.date, terms: Terms) -> api.Space:
    space = process(
        session,
        SLUG,
        text("Angers solidaire : entraide entre voisins", "Angers solidaire: neighbours helping"),
        text(
            "Né au printemps 2020, l’espace d’entraide met en relation les habitants qui "
            "proposent un coup de main et ceux qui en ont besoin : courses, appels, trajets, "
            "prêt d’outils. Les échanges restent privés entre les deux personnes.",
            "Born in spring 2020, the mutual-aid space connects residents who offer a hand with "
            "those who need one: shopping, calls, lifts, lending tools. Conversations stay "
            "private between the two people.",
        ),
        [(text("Entraide", "Mutual aid"), today - dt.timedelta(days=30), None)],
        0,
        position=4,
        territory_id=terms.city.id,
    )
    board = component(session, space, "mutual_aid", text("Coups de main", "Helping hands"))
    categories = {}
    for position, (code, label) in enumerate(DEFAULTS):
        categories[code] = AidCategory(
            component_id=board.id, code=code, name=in_every_locale(label), position=position
        )
        session.add(categories[code])
    people = [person(session, email, name) for email, name in NEIGHBOURS]
    session.flush()
    now = api.utcnow()
    posts = []
    for author, kind, category, district, title, body, days in POSTS:
        created = now - dt.timedelta(days=days)
        post = AidPost(
            component_id=board.id,
            author=people[author],
            kind=kind,
            category_id=categories[category].id,
            territory_id=terms.districts[district].id,
            title=title,
            body=body,
            created_at=created,
            expires_at=created + dt.timedelta(days=14),
        )
        session.add(post)
        posts.append(post)
    session.flush()
    _matched(session, posts[0], people[1], now)
    return space


def _matched(session: Session, post: AidPost, helper: api.User, now: dt.datetime) -> None:
    conversation = AidConversation(
        component_id=post.component_id,
        post_id=post.id,
        author_id=post.author_id,
        responder_id=helper.id,
        created_at=now - dt.timedelta(days=2),
    )
    session.add(conversation)
    session.flush()
    for hours, sender, body in (
        (48, helper, "Bonjour, je passe jeudi vers 10 h. Vous me donnez la liste ?"),
        (47, post.author, "Merci beaucoup ! Je la laisse à la gardienne mercredi soir."),
    ):
        session.add(
            AidMessage(
                conversation_id=conversation.id,
                sender_id=sender.id,
                body=body,
                created_at=now - dt.timedelta(hours=hours),
            )
        )
    conversation.last_message_at = now - dt.timedelta(hours=47)
    post.status, post.matched_at = "matched", now - dt.timedelta(hours=46)
