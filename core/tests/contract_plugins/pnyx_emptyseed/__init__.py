"""``emptyseed``: has a table but no migrations, and a seed that adds nothing."""

from __future__ import annotations

from sqlalchemy.orm import Mapped, mapped_column

from pnyx import api


class Item(api.Model):
    __tablename__ = "emptyseed_items"

    id: Mapped[int] = mapped_column(primary_key=True)


def seed(session, component) -> None:
    """Forgets to add anything."""


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    return [api.ComponentType(name="emptyseed", label="Empty seed", seed=seed)]
