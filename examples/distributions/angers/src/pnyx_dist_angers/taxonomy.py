"""Angers' territories (the city and its ten neighbourhoods) and the budget's themes."""

from __future__ import annotations

import attrs
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_dist_angers.build import term, text

CITY = ("49007", "Angers")
#: Code, name: the neighbourhoods of the city's neighbourhood councils.
DISTRICTS = (
    ("centre", "Centre-ville – La Fayette – Éblé"),
    ("belle-beille", "Belle-Beille"),
    ("monplaisir", "Monplaisir"),
    ("roseraie", "Roseraie"),
    ("justices", "Justices – Madeleine – Saint-Léonard"),
    ("deux-croix", "Deux-Croix – Banchais"),
    ("doutre", "Doutre – Saint-Jacques – Nazareth"),
    ("hauts-saint-aubin", "Hauts-de-Saint-Aubin"),
    ("lac-de-maine", "Lac de Maine"),
    ("saint-serge", "Grand-Pigeon – Saint-Serge – Ney – Chalouère"),
)
THEMES = (
    ("nature", "Nature en ville", "Nature in the city"),
    ("mobility", "Déplacements", "Getting around"),
    ("sport", "Sport et loisirs", "Sport and leisure"),
    ("culture", "Culture et patrimoine", "Culture and heritage"),
    ("solidarity", "Solidarité", "Solidarity"),
    ("youth", "Jeunesse", "Youth"),
)


@attrs.frozen
class Terms:
    city: api.TaxonomyTerm
    districts: dict[str, api.TaxonomyTerm]
    themes: dict[str, api.TaxonomyTerm]


def seed_terms(session: Session) -> Terms:
    city = term(session, "territory", CITY[0], {"fr": CITY[1], "en": CITY[1]})
    districts = {
        code: term(session, "territory", code, {"fr": name, "en": name}, city, position)
        for position, (code, name) in enumerate(DISTRICTS)
    }
    themes = {
        code: term(session, "theme", code, text(fr, en), None, position)
        for position, (code, fr, en) in enumerate(THEMES)
    }
    return Terms(city, districts, themes)
