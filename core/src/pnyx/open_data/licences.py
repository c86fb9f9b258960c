"""The licences an organization may publish its data under: name and address."""

from __future__ import annotations

LICENCE_TEXTS = {
    "etalab-2.0": (
        "Licence Ouverte / Open Licence version 2.0 (Etalab)",
        "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    ),
    "odbl-1.0": (
        "Open Database License (ODbL) v1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
    ),
}
