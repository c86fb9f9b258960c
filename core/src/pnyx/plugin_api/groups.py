"""``api.groups``: user groups (associations, businesses, public bodies) and acting on their
behalf (docs/groups.md).

A plugin whose action a group may take (``api.Action(..., groups=True)``) adds
``api.groups.field(...)`` to its form when it is not ``None``, checks the
chosen id with ``api.groups.may_act_for`` (the form's choices already do),
stores it next to the person (``ForeignKey("user_groups.id", ondelete="SET
NULL")``) and shows the group as the author (``api.groups.describe``,
``api.groups.url``). The action log keeps the person who acted.
"""

from pnyx.groups.service import acting_groups, describe, groups_allowed, may_act_for
from pnyx.groups.service import group_field as field
from pnyx.groups.service import profile_url as url
from pnyx.models import UserGroup
from pnyx.models import UserGroupMembership as Membership

__all__ = [
    "Membership",
    "UserGroup",
    "acting_groups",
    "allowed",
    "describe",
    "field",
    "may_act_for",
    "url",
]

allowed = groups_allowed
