"""The core's own API resources: spaces (of every type), their phases and components.

Only published public spaces appear, for everyone: the API answers as an anonymous
visitor (a private space never appears, not even to its members).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import selectinload

from pnyx.models import Component, Space, Step
from pnyx.models.space import SpaceTheme
from pnyx.open_data.resources import ApiResource
from pnyx.open_data.schemas import ComponentSchema, PhaseSchema, SpaceSchema


def public_space() -> Any:
    return and_(Space.published.is_(True), Space.private.is_(False))


def public_space_ids() -> Any:
    return select(Space.id).where(public_space())


def public_component_ids() -> Any:
    """The components anyone sees: published, in a published public space."""
    return select(Component.id).where(
        Component.published.is_(True), Component.space_id.in_(public_space_ids())
    )


def _spaces() -> Any:
    return select(Space).where(public_space()).options(selectinload(Space.themes))


def _space_themes(term_ids: Any) -> Any:
    return Space.id.in_(select(SpaceTheme.space_id).where(SpaceTheme.term_id.in_(term_ids)))


def _phases() -> Any:
    return select(Step).where(Step.space_id.in_(public_space_ids()))


def _components() -> Any:
    return select(Component).where(Component.id.in_(public_component_ids()))


CORE_RESOURCES = (
    ApiResource(
        name="spaces",
        schema=SpaceSchema,
        query=_spaces,
        id_column=Space.id,
        space_column=Space.id,
        description="Participatory spaces of every type (processes, assemblies...).",
        territory_column=Space.territory_id,
        theme_condition=_space_themes,
        id_argument="space_id",
    ),
    ApiResource(
        name="phases",
        schema=PhaseSchema,
        query=_phases,
        id_column=Step.id,
        space_column=Step.space_id,
        description="The phases of the spaces, in order.",
        id_argument="step_id",
    ),
    ApiResource(
        name="components",
        schema=ComponentSchema,
        query=_components,
        id_column=Component.id,
        space_column=Component.space_id,
        description="The components of the spaces (proposals, budgets, meetings...).",
        id_argument="component_id",
    ),
)
