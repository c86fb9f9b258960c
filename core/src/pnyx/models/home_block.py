"""The home page as staff composed it: blocks in order, each with its settings."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from pnyx.models.base import Model


class HomePageBlock(Model):
    """One block placed on the home page (no row at all: the default composition)."""

    __tablename__ = "home_blocks"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The name of a declared ``api.HomeBlock`` (``hero``, ``meetings.upcoming``).
    block: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(default=0)
    #: What the block's ``settings_schema`` loaded (a hero's texts and link).
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
