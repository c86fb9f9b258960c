"""One hierarchical taxonomy for territories (communes, districts) and themes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pnyx.models.base import Model


class TaxonomyTerm(Model):
    """A term of kind ``territory`` or ``theme``, optionally under a parent term."""

    __tablename__ = "taxonomy_terms"
    __table_args__ = (UniqueConstraint("kind", "code"),)

    KINDS = ("territory", "theme")

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    #: A stable identifier from the source (an INSEE code for a commune).
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[dict[str, Any]]
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("taxonomy_terms.id", ondelete="RESTRICT"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
