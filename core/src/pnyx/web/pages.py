"""Template helpers of the public pages: phases, what a person may do, figures.

Registered as Jinja globals by :func:`init_pages`; each reads what the request
already loaded (the space's steps, its components) and adds at most one query
per statistic a plugin declares.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import attrs
from flask import Flask, current_app, g, request, url_for
from flask_babel import gettext
from werkzeug.routing import BuildError

from pnyx.counters import figures_of
from pnyx.i18n import translated
from pnyx.manifests import Audience
from pnyx.models import Component, Space, Step
from pnyx.permissions import Decision, decide
from pnyx.steps import next_activation
from pnyx.web.guards import current_path

log = logging.getLogger(__name__)

CURRENT, PAST, UPCOMING = "current", "past", "upcoming"


def phase_state(step: Step, space: Space, today: dt.date | None = None) -> str:
    """``current``, ``past`` or ``upcoming``: by the active phase, else by the dates."""
    if step.active:
        return CURRENT
    active = space.active_step
    if active is not None:
        return PAST if step.position < active.position else UPCOMING
    today = today or dt.date.today()
    return PAST if step.end_date is not None and step.end_date < today else UPCOMING


@attrs.frozen
class PossibleAction:
    """One action of a component and whether the person may do it now."""

    label: str
    decision: Decision
    #: Where to go to make it possible (sign in, verify), or ``None``.
    fix_url: str | None = None


#: Audiences whose actions every resident may be offered (the others are for staff).
RESIDENT_AUDIENCES = (Audience.ANYONE, Audience.SIGNED_IN)


def component_actions(component: Component) -> list[PossibleAction]:
    """The actions of a component's type, each with the person's decision and a way forward.

    Staff actions (moderating, answering) are listed only to the people allowed to do them:
    telling a resident "only administrators can do this" helps nobody.
    """
    registry = current_app.extensions["pnyx.plugins"].registry
    component_type = registry.component_type(component.type)
    if component_type is None:
        return []
    found = []
    for action in component_type.actions:
        decision = decide(g.get("user"), action.name, component)
        if decision or action.audience in RESIDENT_AUDIENCES:
            found.append(PossibleAction(str(action.label), decision, fix_url(decision)))
    return found


def fix_url(decision: Decision) -> str | None:
    """The page that lifts a refusal: sign in, or the verification the decision misses."""
    if decision or not decision.missing:
        return None
    if decision.missing == "sign_in":
        return url_for("pnyx_auth.sign_in", next=current_path())
    if decision.missing == "confirm_email":
        return url_for("pnyx_auth.resend_confirmation")
    if decision.missing.startswith("authorization:"):
        handlers = current_app.extensions["pnyx.plugins"].registry.authorization_handlers
        handler = handlers.get(decision.missing.partition(":")[2])
        if handler is not None and handler.verify_endpoint:
            try:
                return url_for(handler.verify_endpoint, next=current_path())
            except BuildError:
                log.warning("verify endpoint %s cannot be built", handler.verify_endpoint)
    return None


def space_statistics(space: Space, components: list[Component]) -> list[tuple[str, int]]:
    """``(label, figure)`` for each statistic the space's visible components declare,
    read from the stored counters (:mod:`pnyx.counters`): a view recounts nothing.

    A failing statistic is logged and left out: the space page must still show.
    """
    registry = current_app.extensions["pnyx.plugins"].registry
    stored = figures_of(components)
    figures = []
    for component in components:
        component_type = registry.component_type(component.type)
        for stat in component_type.stats if component_type else ():
            if stat.name not in stored[component.id]:
                continue
            label = gettext(
                "%(label)s: %(text)s", label=translated(component.name), text=stat.label
            )
            figures.append((label, stored[component.id][stat.name]))
    return figures


def is_current_url(url: str) -> bool:
    """Whether a menu link points to this page (its ``aria-current``)."""
    return url == request.path


def coming_phase(space: Space) -> tuple[Step, dt.date] | None:
    """The phase that will become current next by its dates, and when: the phase box says
    it ("Next phase: Vote, from 5 January"), so a vote not open yet says when it opens."""
    return next_activation(space, dt.date.today())


def init_pages(app: Flask) -> None:
    globals_: dict[str, Any] = {
        "phase_state": phase_state,
        "component_actions": component_actions,
        "coming_phase": coming_phase,
        "fix_url": fix_url,
        "space_statistics": space_statistics,
        "is_current_url": is_current_url,
    }
    app.jinja_env.globals.update(globals_)
