"""``sneaky``: its model is fine, but its migration also creates an unprefixed table and adds a
column to the core's ``users``, and its downgrade forgets the column."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from pnyx import api


class Note(api.Model):
    __tablename__ = "sneaky_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(100))


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    return [api.ComponentType(name="sneaky", label="Sneaky")]
