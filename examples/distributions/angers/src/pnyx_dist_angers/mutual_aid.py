""" "Angers solidaire": the mutual-aid space the city opened in spring 2020, neighbours
offering and asking for a hand, one request already matched after a conversation.

The board is filled by the plugin's own demo helper (``pnyx_mutual_aid.seed.fill``) with
Angers' neighbours, districts and posts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from pnyx import api
from pnyx_dist_angers.build import component, process, text
from pnyx_dist_angers.taxonomy import Terms
from pnyx_mutual_aid import seed as mutual_aid_seed

SLUG = "angers-solidaire"
NEIGHBOURS = (
    ("entraide-1@angers.pnyx.test", "Josiane Boucher"),
    ("entraide-2@angers.pnyx.test", "Malik Traoré"),
    ("entraide-3@angers.pnyx.test", "Camille Renard"),
)
#: (author, kind, category, district, title, body, days ago)
POSTS: tuple[mutual_aid_seed.Post, ...] = (
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

EXCHANGE: mutual_aid_seed.Exchange = (
    "Bonjour, je passe jeudi vers 10 h. Vous me donnez la liste ?",
    "Merci beaucoup ! Je la laisse à la gardienne mercredi soir.",
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
    districts = {code: term.id for code, term in terms.districts.items()}
    mutual_aid_seed.fill(session, board, NEIGHBOURS, POSTS, districts, helper=1, exchange=EXCHANGE)
    return space
