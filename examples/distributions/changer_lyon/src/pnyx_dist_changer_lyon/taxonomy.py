"""Lyon and its nine arrondissements; the assemblies' themes."""

from __future__ import annotations

import attrs
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_dist_changer_lyon.build import term, text

CITY = ("69123", "Lyon")
#: INSEE code, French, English.
ENGLISH_ORDINALS = {1: "st", 2: "nd", 3: "rd"}
ARRONDISSEMENTS = tuple(
    (
        f"6938{n}",
        f"Lyon {n}{'er' if n == 1 else 'e'}",
        f"Lyon {n}{ENGLISH_ORDINALS.get(n, 'th')}",
    )
    for n in range(1, 10)
)
THEMES = (
    ("ecology", "Écologie et climat", "Ecology and climate"),
    ("mobility", "Mobilités", "Getting around"),
    ("housing", "Logement et solidarités", "Housing and solidarity"),
    ("democracy", "Démocratie locale", "Local democracy"),
)


@attrs.frozen
class Terms:
    city: api.TaxonomyTerm
    arrondissements: dict[str, api.TaxonomyTerm]
    themes: dict[str, api.TaxonomyTerm]


def seed_terms(session: Session) -> Terms:
    city = term(session, "territory", CITY[0], text(CITY[1], CITY[1]))
    arrondissements = {
        code: term(session, "territory", code, text(fr, en), city, position)
        for position, (code, fr, en) in enumerate(ARRONDISSEMENTS)
    }
    themes = {
        code: term(session, "theme", code, text(fr, en), None, position)
        for position, (code, fr, en) in enumerate(THEMES)
    }
    return Terms(city, arrondissements, themes)
