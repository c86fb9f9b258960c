"""The core's own home blocks: a hero with a call to action, and the spaces by state.

Declared like a plugin's (``register_home_blocks`` in ``core_hooks``) and drawn
through the same ``home.block`` slot, so staff place them like any other.
"""

from __future__ import annotations

import re
from typing import Any

from flask import render_template
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from marshmallow import Schema, fields, validate

from pnyx.forms import TranslatedText
from pnyx.manifests import HomeBlock, Snippet
from pnyx.spaces.listing import SpaceFilters, first_spaces, state_counts
from pnyx.spaces.state import OPEN, PAST, STATES, UPCOMING

HERO, SPACES, STATISTICS = "hero", "spaces", "statistics"

#: How many spaces of each state the spaces block shows (the rest: on /spaces).
HOME_LIMITS = {OPEN: 6, UPCOMING: 3, PAST: 3}

#: A call to action leads to a page of this site ("/spaces/budget-2026") or to a web page.
LINK = re.compile(r"^(/(?![/\\])|https?://)\S*$")


def hero_schema() -> Schema:
    return Schema.from_dict(
        {
            "title": TranslatedText(required=True, max_length=200, metadata={"label": _l("Title")}),
            "text": TranslatedText(rich=True, ugc=False, metadata={"label": _l("Text")}),
            "button_label": TranslatedText(
                max_length=80,
                metadata={
                    "label": _l("Button text"),
                    "description": _l("The call to action, such as “Vote for your projects”."),
                },
            ),
            "button_link": fields.String(
                load_default="",
                validate=[
                    validate.Length(max=500),
                    validate.Regexp(
                        LINK,
                        error=_l("Write an address of this site starting with / or a web address."),
                    ),
                ],
                metadata={
                    "label": _l("Button link"),
                    "description": _l("Where the button leads: /spaces/budget-2026, for example."),
                },
            ),
        },
        name="HeroBlock",
    )()


CORE_BLOCKS = (
    HomeBlock(
        name=HERO,
        label=_l("Welcome banner"),
        description=_l("A title, a short text and a button leading to what matters now."),
        settings_schema=hero_schema,
        default=False,
    ),
    HomeBlock(
        name=SPACES,
        label=_l("Spaces by state"),
        description=_l("The open spaces, then the upcoming and the past ones."),
    ),
    HomeBlock(
        name=STATISTICS,
        label=_l("Participation figures"),
        description=_l(
            "Participants and contributions in every public space, from the statistics page."
        ),
        default=False,
    ),
)


def render_core_block(name: str, settings: dict[str, Any], index: int) -> Snippet | None:
    """The snippet of a core block (``None`` for a plugin's block)."""
    if name == HERO:
        html = render_template("pnyx/home/hero.html", settings=settings, index=index)
        return Snippet(Markup(html))
    if name == SPACES:
        return Snippet(Markup(render_template("pnyx/home/spaces.html", **spaces_by_state())))
    if name == STATISTICS:
        html = render_template("pnyx/home/statistics.html", report=report(), index=index)
        return Snippet(Markup(html))
    return None


def report() -> Any:
    """The organization's figures, as ``/statistics`` counts them (the statistics hook),
    stored and refreshed by a job (:mod:`pnyx.statistics.snapshot`)."""
    from pnyx.statistics.snapshot import organization_totals

    return organization_totals()


def spaces_by_state() -> dict[str, Any]:
    """The first spaces of each state and how many there are (constant queries)."""
    filters = SpaceFilters()
    counts = state_counts(filters)
    found = first_spaces({s: HOME_LIMITS[s] for s in STATES if counts[s]}, filters)
    groups = {state: found.get(state, []) for state in STATES}
    return {"groups": groups, "counts": counts}
