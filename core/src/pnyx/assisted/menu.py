"""Links for staff in the person menu: assisted participation and confirmations."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from pnyx.manifests import MenuLink
from pnyx.permissions import is_user_manager


def staff_links(menu: str, user: object) -> list[MenuLink] | None:
    """User managers and admins find their queues in the ``user`` menu."""
    if menu != "user" or not is_user_manager(user):  # type: ignore[arg-type]
        return None
    return [
        MenuLink(label=str(_l("Assisted participation")), endpoint="pnyx_assisted.participants"),
        MenuLink(
            label=str(_l("Residence confirmations")),
            endpoint="pnyx_verification_admin.residences",
        ),
    ]
