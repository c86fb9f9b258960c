"""What the read-only API serves: :class:`ApiResource` manifests.

The core declares its own (spaces, phases, components); plugins add theirs with the
``register_api_resources`` hook. A resource says how to select its public rows
(``query``), which column ties a row to its component (so the core applies the
same visibility as the pages), which filters it supports, and the marshmallow
schema that writes one row: the OpenAPI document is generated from those schemas.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
from flask import Flask, current_app

EXTENSION_KEY = "pnyx.api_resources"


@attrs.frozen
class ApiResource:
    """A kind of public record served at ``/api/v1/<name>`` and ``/api/v1/<name>/<id>``."""

    #: The path segment and the name of its schema, plural, prefixed by the plugin's name
    #: or equal to it (``proposals``, ``meetings_meetings``).
    name: str
    #: A marshmallow ``Schema`` class that writes one row (public fields only: no e-mail, no
    #: private note; an author's name only through ``api.open_data.author_name``).
    schema: type
    #: ``() -> Select``: the rows the public pages show (published, not hidden), with any
    #: ``selectinload`` the schema needs, without ordering or limits (the core adds them).
    query: Callable[[], Any]
    #: The column holding the row's id (the cursor follows it).
    id_column: Any
    #: The column holding the row's component id (``None`` for core resources that are not
    #: inside a component): the core keeps rows of visible components only.
    component_column: Any = None
    #: The column holding the row's space id, when there is no component column.
    space_column: Any = None
    #: A one-line description, shown in the OpenAPI document.
    description: str = ""
    #: The column compared with the ``updated_since`` filter (a datetime), if any.
    updated_column: Any = None
    #: The column compared with the ``state`` filter (text), if any.
    state_column: Any = None
    #: The column compared with the ``territory`` filter (a term id and the terms under it).
    territory_column: Any = None
    #: ``(term ids) -> condition`` for ``theme`` (themes are usually a link table).
    theme_condition: Callable[[Any], Any] | None = None
    #: The name of the item route's id argument (``<int:item_id>``).
    id_argument: str = "item_id"
    #: Fields the API shows but the open-data bundle leaves out: personal data, such as an
    #: author's name (``("author",)``).
    personal_fields: tuple[str, ...] = ()

    def filters(self) -> tuple[str, ...]:
        """The query parameters this resource accepts besides ``cursor`` and ``limit``."""
        names = ["space"]
        if self.component_column is not None:
            names.append("component")
        optional = (
            ("theme", self.theme_condition),
            ("territory", self.territory_column),
            ("state", self.state_column),
            ("updated_since", self.updated_column),
        )
        names += [name for name, present in optional if present is not None]
        return tuple(names)


def api_resources(app: Flask | None = None) -> dict[str, ApiResource]:
    """Every resource the API serves, by name."""
    return (app or current_app).extensions[EXTENSION_KEY]
