"""Components: instances of a plugin's component type inside a space."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pnyx.models.base import Model, utcnow
from pnyx.models.space import Space


def empty_settings() -> dict[str, Any]:
    return {"global": {}, "default_step": {}, "steps": {}}


class Component(Model):
    """A component; its behaviour comes from the registered type named ``type``.

    ``settings`` holds three levels: ``global``, ``default_step`` and
    ``steps[<step id>]``; read them through :func:`pnyx.api.current_settings`.
    ``permissions`` maps an action name to the authorizations it requires:
    ``{"budgets.vote": {"authorizations": [{"handler": "birth_date",
    "options": {"maximum_age": 17}}]}}``.
    """

    __tablename__ = "components"

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(64))
    name: Mapped[dict[str, Any]]
    weight: Mapped[int] = mapped_column(default=0)
    published: Mapped[bool] = mapped_column(default=False)
    settings: Mapped[dict[str, Any]] = mapped_column(default=empty_settings)
    permissions: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    space: Mapped[Space] = relationship(back_populates="components")
