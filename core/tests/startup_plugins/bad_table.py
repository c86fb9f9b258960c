"""Plugin ``bad_table``: a model whose table lacks the plugin's prefix."""

from sqlalchemy.orm import Mapped, mapped_column

from pnyx import api


class Thing(api.Model):
    __tablename__ = "startup_test_things"

    id: Mapped[int] = mapped_column(primary_key=True)
