"""The board's notes: ``goodboard_notes``."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from pnyx import api


class Note(api.Model):
    __tablename__ = "goodboard_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    component_id: Mapped[int] = mapped_column(ForeignKey("components.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
