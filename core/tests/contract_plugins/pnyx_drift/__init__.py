"""``drift``: its model has a column its migration does not create."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from pnyx import api


class Item(api.Model):
    __tablename__ = "drift_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    return [api.ComponentType(name="drift", label="Drift")]
