"""``clumsy``: its upgrade is clean, its downgrade also drops an index of a core table."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from pnyx import api


class Note(api.Model):
    __tablename__ = "clumsy_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(100))


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    return [api.ComponentType(name="clumsy", label="Clumsy")]
