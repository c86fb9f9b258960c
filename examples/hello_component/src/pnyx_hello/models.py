"""The board's one table: ``hello_messages`` (a plugin's tables start with its name)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pnyx import api


class Message(api.Model):
    """A short text a person posted on a board (a ``hello`` component)."""

    __tablename__ = "hello_messages"
    # The page lists a board's messages newest first: this index serves that query.
    __table_args__ = (Index("ix_hello_messages_board", "component_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    component_id: Mapped[int] = mapped_column(ForeignKey("components.id", ondelete="CASCADE"))
    # A person who deletes their account leaves their messages, unsigned.
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)

    author: Mapped[api.User | None] = relationship()
