"""Which blocks the home page shows, in which order, with which settings.

Staff's composition is stored in ``home_blocks``; with no row at all, the
home page shows the default composition: every declared block whose
``default`` is true, in declaration order (the core's spaces first, then each
plugin's in load order). A stored block whose plugin is no longer enabled is
skipped, and comes back with its plugin.
"""

from __future__ import annotations

from typing import Any

import attrs
from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx.db import get_session
from pnyx.manifests import HomeBlock
from pnyx.models import HomePageBlock


@attrs.frozen
class PlacedBlock:
    """A block on the home page."""

    name: str
    settings: dict[str, Any]
    #: ``None`` for a stored block whose plugin is not enabled (kept, not drawn).
    declared: HomeBlock | None


def declared_blocks() -> dict[str, HomeBlock]:
    return current_app.extensions["pnyx.plugins"].registry.home_blocks


def stored_rows(session: Session, *, for_update: bool = False) -> list[HomePageBlock]:
    query = select(HomePageBlock).order_by(HomePageBlock.position, HomePageBlock.id)
    return list(session.scalars(query.with_for_update() if for_update else query))


def default_names() -> list[str]:
    return [name for name, block in declared_blocks().items() if block.default]


def composition() -> tuple[list[PlacedBlock], bool]:
    """Every placed block, in order (the admin's positions), and whether staff composed
    them (``False``: the default)."""
    declared = declared_blocks()
    rows = stored_rows(get_session())
    if not rows:
        return [PlacedBlock(name, {}, declared[name]) for name in default_names()], False
    placed = [
        PlacedBlock(row.block, dict(row.settings or {}), declared.get(row.block)) for row in rows
    ]
    return placed, True


def shown_blocks() -> list[PlacedBlock]:
    """The blocks the home page draws: those whose plugin is enabled."""
    return [block for block in composition()[0] if block.declared is not None]


def rows_to_edit(session: Session) -> list[HomePageBlock]:
    """The stored rows, locked; the default composition is stored first when there is none,
    so staff's first change starts from what residents see."""
    rows = stored_rows(session, for_update=True)
    if rows:
        return rows
    rows = [
        HomePageBlock(block=name, position=i, settings={}) for i, name in enumerate(default_names())
    ]
    session.add_all(rows)
    session.flush()
    return rows
