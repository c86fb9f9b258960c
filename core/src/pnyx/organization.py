"""The instance's organization, read once per request."""

from __future__ import annotations

from flask import g
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from pnyx.db import get_session
from pnyx.models import Organization

#: Built once: most requests and jobs read it (building it cost about what running it does).
_ORGANIZATION = select(Organization).limit(1)


def current_organization() -> Organization | None:
    """The organization row, or ``None`` before ``pnyx db upgrade`` and seeding.

    A database error gives ``None`` too, so that the error page itself still renders.
    """
    if "pnyx_organization" not in g:
        try:
            g.pnyx_organization = get_session().scalar(_ORGANIZATION)
        except SQLAlchemyError:
            get_session().rollback()
            g.pnyx_organization = None
    return g.pnyx_organization


def remember_organization(organization: Organization | None) -> None:
    """Keep ``organization``, read with another statement (the signed-in person's, at the
    request's set-up), so that :func:`current_organization` does not read it again."""
    if "pnyx_organization" not in g:
        g.pnyx_organization = organization
