"""Smart Isula's territories (Corsica, its two départements, communes) and its four themes,
named in French and Corsican."""

from __future__ import annotations

import attrs
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_dist_smart_isula.build import term, text

ISLAND = ("corse", "Corse", "Corsica")
#: Code, French, Corsican, communes as (INSEE code, French, Corsican).
DEPARTMENTS = (
    (
        "2A",
        "Corse-du-Sud",
        "Corsica suttana",
        (
            ("2A004", "Ajaccio", "Aiacciu"),
            ("2A247", "Porto-Vecchio", "Portivechju"),
            ("2A272", "Sartène", "Sartè"),
            ("2A041", "Bonifacio", "Bunifaziu"),
        ),
    ),
    (
        "2B",
        "Haute-Corse",
        "Corsica suprana",
        (
            ("2B033", "Bastia", "Bastia"),
            ("2B096", "Corte", "Corti"),
            ("2B050", "Calvi", "Calvi"),
            ("2B134", "L’Île-Rousse", "L’Isula Rossa"),
        ),
    ),
)
THEMES = (
    ("citizenship", "Citoyenneté et solidarité", "Citatinanza è sulidarità"),
    (
        "skills",
        "Développement des compétences et apprentissage",
        "Sviluppu di e cumpetenze è amparera",
    ),
    ("businesses", "Entreprises et développement", "Imprese è sviluppu"),
    ("infrastructures", "Infrastructures", "Infrastrutture"),
)


@attrs.frozen
class Terms:
    island: api.TaxonomyTerm
    #: Départements and communes, by code (``2A``, ``2B004``...).
    places: dict[str, api.TaxonomyTerm]
    themes: dict[str, api.TaxonomyTerm]


def seed_terms(session: Session) -> Terms:
    island = term(session, "territory", ISLAND[0], text(ISLAND[1], ISLAND[2]))
    places: dict[str, api.TaxonomyTerm] = {}
    for position, (code, fr, co, communes) in enumerate(DEPARTMENTS):
        department = term(session, "territory", code, text(fr, co), island, position)
        places[code] = department
        for rank, (insee, commune_fr, commune_co) in enumerate(communes):
            places[insee] = term(
                session, "territory", insee, text(commune_fr, commune_co), department, rank
            )
    themes = {
        code: term(session, "theme", code, text(fr, co), None, position)
        for position, (code, fr, co) in enumerate(THEMES)
    }
    return Terms(island, places, themes)
