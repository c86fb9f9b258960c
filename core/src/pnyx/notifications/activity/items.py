"""What a plugin tells about a person's activity, and merging the plugins' answers."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import attrs
from flask import current_app

from pnyx.models import User

log = logging.getLogger(__name__)


@attrs.frozen
class ActivityItem:
    """One thing a person did, for their activity page and (when ``public``) their profile."""

    #: What they did, for people (``Proposed``, ``Voted in``, ``Registered to``).
    label: Any
    #: What it concerns (a proposal's title, a budget's name); never a ballot's content.
    title: str
    #: Where to read it (a path of this site); empty when there is no page.
    url: str
    #: When they did it (aware, UTC).
    when: dt.datetime
    #: Whether anyone may see it on the person's public profile (a published proposal: yes;
    #: a vote or a registration: no, only the person on "My activity").
    public: bool = False
    #: The language a resident wrote the title in (a proposal's ``language``): the pages mark
    #: it with ``lang`` when it is not theirs (WCAG 3.1.2); ``''`` marks nothing.
    language: str = ""


def collect(user: User, *, public: bool, limit: int) -> list[ActivityItem]:
    """The person's latest ``limit`` items from every plugin (only public ones when ``public``),
    newest first. A failing plugin is logged and left out."""
    hook = current_app.extensions["pnyx.plugins"].pm.hook.user_activity
    items: list[ActivityItem] = []
    for impl in hook.get_hookimpls():
        try:
            found = impl.function(**_arguments(impl, user, public, limit)) or []
        except Exception:
            log.exception("plugin %s failed in user_activity", impl.plugin_name)
            continue
        items += [item for item in found if item.public or not public]
    items.sort(key=lambda item: item.when, reverse=True)
    return items[:limit]


def _arguments(impl: Any, user: User, public: bool, limit: int) -> dict[str, Any]:
    given = {"user": user, "public": public, "limit": limit}
    return {name: given[name] for name in impl.argnames}
