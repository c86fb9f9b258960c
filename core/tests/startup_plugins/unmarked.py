"""Plugin ``unmarked``: its ``permission_check`` lost its ``@api.hookimpl`` marker."""

from __future__ import annotations

from pnyx import api


def permission_check(user, action, target):
    return False if action == "unmarked.delete" else None


@api.hookimpl
def menu_links(menu, user):
    return []
