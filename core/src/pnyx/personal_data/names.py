"""How a person is named on pages: a deleted participant has no name any more."""

from __future__ import annotations

from flask_babel import gettext as _

from pnyx.models import User

#: What a deleted account's ``name`` column holds. Pages show :func:`person_name`
#: instead, which translates it; the column cannot be empty.
DELETED_NAME = "Deleted participant"


def person_name(user: User | None) -> str:
    """The name to show for ``user``: "Deleted participant" (translated) once deleted.

    ``None`` (a record whose author's row is gone, ``ondelete="SET NULL"``) is
    shown the same way, so templates need no ``if author`` of their own.
    """
    if user is None or user.deleted_at is not None:
        return _("Deleted participant")
    return user.name
