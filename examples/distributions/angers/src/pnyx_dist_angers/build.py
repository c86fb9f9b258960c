"""What the seed modules share: the core's builders (``api.seeding``: terms, people,
processes with phases, components, moments) and the city's two content languages."""

from __future__ import annotations

from pnyx import api

term = api.seeding.term
person = api.seeding.person
process = api.seeding.process
component = api.seeding.component
at = api.seeding.at


def text(fr: str, en: str) -> dict[str, str]:
    """Content in the organization's two languages."""
    return {"fr": fr, "en": en}
