"""Notification kinds: what plugins may tell people, declared through a hook.

A plugin returns :class:`NotificationKind` values from
``register_notification_kinds``; the core keeps them by name and refuses to
publish an undeclared kind (a typo would otherwise notify nobody, silently).
"""

from __future__ import annotations

from typing import Any

import attrs
from flask import Flask, current_app

from pnyx.errors import StartupError

EXTENSION_KEY = "pnyx.notification_kinds"

FOLLOWERS, AUTHORS, STAFF, MENTIONED = "followers", "authors", "staff", "mentioned"
RECIPIENTS = (FOLLOWERS, AUTHORS, STAFF, MENTIONED)


def _recipients(value: Any) -> tuple[str, ...]:
    chosen = (value,) if isinstance(value, str) else tuple(value)
    unknown = [name for name in chosen if name not in RECIPIENTS]
    if unknown:
        raise ValueError(f"unknown recipients {unknown}: choose among {', '.join(RECIPIENTS)}")
    return chosen


@attrs.frozen
class NotificationKind:
    """Something a plugin tells people about (``proposals.answered``).

    ``recipients`` says who receives it by default: ``followers`` (of the
    resource, its component and its space), ``authors`` (the ids the publisher
    passes as ``authors``), ``staff`` (admins and moderators of the space),
    ``mentioned`` (the ids passed as ``mentioned``).
    """

    #: ``plugin.kind``: the publishing plugin's name first.
    name: str
    #: What happened, for people (``Proposal answered``): the notification's first words.
    label: Any
    #: Who receives it: ``followers``, ``authors``, ``staff``, ``mentioned`` (one or several).
    recipients: tuple[str, ...] = attrs.field(default=(FOLLOWERS,), converter=_recipients)
    #: Shown on the preferences page, where a person may choose a frequency for this kind.
    description: Any = ""
    #: ``False``: shown in the notification centre only, never e-mailed (the plugin already
    #: writes its own message, such as a registration's confirmation with its calendar file).
    email: bool = True


def register_kinds(app: Flask, plugin: str, kinds: list[NotificationKind]) -> None:
    known: dict[str, NotificationKind] = app.extensions.setdefault(EXTENSION_KEY, {})
    for kind in kinds:
        if not isinstance(kind, NotificationKind):
            raise StartupError(
                f"Plugin '{plugin}' declared a notification kind that is not "
                "an api.NotificationKind"
            )
        if not kind.name.startswith(f"{plugin}.") and plugin != "pnyx":
            raise StartupError(
                f"Plugin '{plugin}' notification kind '{kind.name}' must start with '{plugin}.'"
            )
        if kind.name in known:
            raise StartupError(f"Notification kind '{kind.name}' is declared twice")
        known[kind.name] = kind


def notification_kinds() -> dict[str, NotificationKind]:
    """Every declared kind, by name."""
    return current_app.extensions.get(EXTENSION_KEY, {})


def kind_named(name: str) -> NotificationKind:
    found = notification_kinds().get(name)
    if found is None:
        raise ValueError(
            f"unknown notification kind {name!r}: declare it with register_notification_kinds"
        )
    return found
