"""The invitation an imported person receives (``pnyx import people`` without ``--no-invite``).

It links to the page where one asks for a password link: that link expires
within hours, an invitation may be read days later. Sent after the import
committed, through the mail service, in each person's language.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from pnyx.importing.manifest import ImportContext
from pnyx.mail import external_url, send_mail
from pnyx.models import User
from pnyx.templating import organization_name

CHUNK = 500


def send_invitations(
    context: ImportContext, user_ids: list[int], progress: Callable[[int], None] | None = None
) -> int:
    """Send one invitation per account; returns how many were handed to the mail service."""
    base_url = current_app.config.get("PUBLIC_URL") or "http://localhost"
    sent = 0
    # Links are built as in a request to the public address (the command line has none).
    with current_app.test_request_context(base_url=base_url):
        ids = iter(user_ids)
        while chunk := list(itertools.islice(ids, CHUNK)):
            query = select(User).where(User.id.in_(chunk)).order_by(User.id)
            for user in context.session.scalars(query):
                sent += send_mail(
                    user.email or "",
                    _l("Your account on %(site)s", site=organization_name()),
                    "invitation",
                    locale=user.locale,
                    user=user,
                    sign_in_link=external_url("pnyx_auth.sign_in"),
                    password_link=external_url("pnyx_auth.forgot_password"),
                )
            context.session.expunge_all()
            if progress is not None:
                progress(len(chunk))
    return sent
