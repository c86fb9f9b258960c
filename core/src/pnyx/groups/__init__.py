"""User groups (associations, businesses, public bodies) and acting on their behalf.

``service``: who belongs, who may act for a group, whether a component's
action lets groups take part. ``pages``: the public profiles, creating a group,
joining. ``members``: a group admin's page of members and invitations.
``staff``: verification by the organization's staff. Plugins use it through
``pnyx.api.groups`` (docs/groups.md).
"""
