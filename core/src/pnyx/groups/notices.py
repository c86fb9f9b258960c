"""What people hear about organizations: an invitation, a request to join, its acceptance.

Through the core's notifications (docs/notifications.md), never a message of
its own: the notification centre, and an e-mail at the frequency each person
chose on "Notifications I receive" (a daily digest by default, at once, weekly,
or none; per kind too), with the one-click unsubscribe of every notification
e-mail. The e-mails leave from the notification jobs (``fan_out`` then
``mail_batch``), after the request's commit. Kinds are the core's own
(``pnyx.group_*``), declared in ``core_hooks``.
"""

from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l

from pnyx.models import GroupRole, UserGroup
from pnyx.notifications.kinds import AUTHORS, NotificationKind

INVITED = "pnyx.group_invited"
REQUESTED = "pnyx.group_join_requested"
ACCEPTED = "pnyx.group_request_accepted"
#: The target of these notifications: the group (not in any space: everyone may see it).
TARGET = "user_group"


def kinds() -> list[NotificationKind]:
    return [
        NotificationKind(
            INVITED,
            _l("Invitation to join an organization"),
            recipients=AUTHORS,
            description=_l("An organization's admin invites you to take part on its behalf."),
        ),
        NotificationKind(
            REQUESTED,
            _l("Request to join your organization"),
            recipients=AUTHORS,
            description=_l("Someone asks to join an organization you manage."),
        ),
        NotificationKind(
            ACCEPTED,
            _l("Request to join accepted"),
            recipients=AUTHORS,
            description=_l("An organization's admin accepted your request to join it."),
        ),
    ]


def _notify(kind: str, group: UserGroup, url: str, people: list[int], actor_id: int) -> None:
    from pnyx.notifications.publish import notify  # the job module loads late

    notify(kind, (TARGET, group.id), title=group.name, url=url, authors=people, actor_id=actor_id)


def invited(group: UserGroup, person_id: int, actor_id: int) -> None:
    """Tell the person an admin invited them; the link leads to where they accept it."""
    _notify(INVITED, group, url_for("pnyx_groups.mine"), [person_id], actor_id)


def join_requested(group: UserGroup, actor_id: int) -> None:
    """Tell the group's admins someone asks to join; the link leads to the members page."""
    admins = [m.user_id for m in group.memberships if m.role == GroupRole.ADMIN]
    url = url_for("pnyx_groups.members", user_group_id=group.id)
    _notify(REQUESTED, group, url, admins, actor_id)


def accepted(group: UserGroup, person_id: int, actor_id: int) -> None:
    """Tell the person who asked that they are now a member."""
    url = url_for("pnyx_groups.show", user_group_id=group.id)
    _notify(ACCEPTED, group, url, [person_id], actor_id)
