"""Describing other plugins' resources, and the links of one resource.

A plugin shows what its records are linked to (the meetings a proposal came
out of, the budget projects that include it) without importing the other
plugins: it reads the resource links of a record (:func:`links_of`) and asks
the plugin that owns each linked resource type to describe those ids
(:func:`describe_resources`), through the ``describe`` function of the
:class:`~pnyx.manifests.ResourceType` that plugin registered.

``ResourceType.describe(session, ids)`` returns ``{id: (title, url)}``; it
may add a third item, a short detail such as a follow-up progress
(``(title, url, "60 % done")``), and a fourth, the language a resident wrote the
title in (``(title, url, detail, proposal.language)``), or give a
:class:`ResourceDescription` itself. A translatable title (``meeting.title``, a
``{locale: text}``) is given as it is: it is shown in the reader's language, and marked
with the fallback's when it has none. Ids it leaves out (deleted, hidden, not
visible) are not shown.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
from flask import current_app, g, has_request_context
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from pnyx.core_hooks import VIEW
from pnyx.i18n import translated_with_language
from pnyx.jobs.runner import in_job
from pnyx.manifests import ResourceType
from pnyx.models import Component, ResourceLink
from pnyx.permissions import decide

log = logging.getLogger(__name__)


@attrs.frozen
class ResourceDescription:
    """What a plugin says about one of its resources, for a link to it."""

    #: Its title, as the link's text.
    title: str
    #: Its page (a path of this site).
    url: str
    #: A short detail shown next to the link (a follow-up's progress, "Withdrawn").
    detail: str = ""
    #: The language a resident wrote the title in (``api.written_language_column``), for
    #: ``{{ item.title|in_language(item.language) }}`` (WCAG 3.1.2); ``''`` marks nothing.
    language: str = ""


@attrs.frozen
class LinkedResource:
    """The other end of a resource link of a record.

    ``outgoing`` is true when the record is the link's source (``from``).
    """

    name: str
    type: str
    id: int
    outgoing: bool


def resource_type(name: str) -> ResourceType | None:
    """The resource type registered under ``name`` by an enabled plugin, or ``None``."""
    registry = current_app.extensions["pnyx.plugins"].registry
    for component_type in registry.component_types.values():
        for candidate in component_type.resource_types:
            if candidate.name == name:
                return candidate
    return None


def readable(component: Component) -> bool:
    """Whether the person reading may see ``component``: a ``describe`` leaves out the records
    of components they may not (a public meeting's minutes must not show the title of a
    proposal in an unpublished space). Outside a request and in a job nobody is reading: true,
    and the caller checks its own audience (notifications do, with ``visible_to``)."""
    if not has_request_context() or in_job():
        return True
    return bool(decide(g.get("user"), VIEW, component))


class ReadableComponents:
    """:func:`readable`, asked once per component within one ``describe``: the records of a
    component share its answer (``visible = api.links.ReadableComponents()``, then
    ``if not visible(record.component): continue``)."""

    def __init__(self) -> None:
        self._known: dict[int, bool] = {}

    def __call__(self, component: Component) -> bool:
        known = self._known.get(component.id)
        if known is None:
            known = self._known[component.id] = readable(component)
        return known


def describe_resources(
    session: Session, type_name: str, ids: Iterable[int]
) -> dict[int, ResourceDescription]:
    """Describe resources of type ``type_name`` by id, through the owner's ``describe``.

    Returns an empty mapping when no enabled plugin registered the type or it
    has no ``describe`` function; a failing ``describe`` is logged and left
    out, so one broken plugin does not break another's page.
    """
    wanted = list(dict.fromkeys(ids))
    found = resource_type(type_name)
    if not wanted or found is None or found.describe is None:
        return {}
    try:
        described: Mapping[int, ResourceDescription | tuple[str, ...]] = found.describe(
            session, wanted
        )
    except Exception:
        log.exception("describe of resource type %s failed", type_name)
        return {}
    return {key: _description(value) for key, value in described.items() if key in wanted}


def _description(value: ResourceDescription | tuple[Any, ...]) -> ResourceDescription:
    """A ``describe`` answer: a :class:`ResourceDescription`, or ``(title, url[, detail[,
    language]])`` where a translatable title (``{locale: text}``, staff content) is shown in the
    reader's language, else a fallback whose language then marks it (WCAG 3.1.2)."""
    if isinstance(value, ResourceDescription):
        return value
    title, url, detail, language = (*value[:4], "", "")[:4]
    if isinstance(title, Mapping):
        title, language = translated_with_language(title)
    return ResourceDescription(*(str(part or "") for part in (title, url, detail, language)))


def links_of(session: Session, resource: tuple[str, int]) -> list[LinkedResource]:
    """Every link from or to ``resource`` (a ``(type, id)`` pair), oldest first, in one query."""
    type_name, resource_id = resource
    # Plain rows: the links are read, never changed, here (no ORM objects to build).
    query = (
        select(
            ResourceLink.name,
            ResourceLink.from_type,
            ResourceLink.from_id,
            ResourceLink.to_type,
            ResourceLink.to_id,
        )
        .where(
            or_(
                (ResourceLink.from_type == type_name) & (ResourceLink.from_id == resource_id),
                (ResourceLink.to_type == type_name) & (ResourceLink.to_id == resource_id),
            )
        )
        .order_by(ResourceLink.id)
    )
    linked = []
    for link in session.execute(query):
        outgoing = link.from_type == type_name and link.from_id == resource_id
        other = (link.to_type, link.to_id) if outgoing else (link.from_type, link.from_id)
        linked.append(LinkedResource(link.name, other[0], other[1], outgoing))
    return linked
