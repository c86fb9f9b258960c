"""``api.actions``: the core's action names a route declares with ``@api.requires``.

Not to be confused with :class:`pnyx.api.Audience`, which says *who* may do a
plugin's action by default: ``api.actions.ADMIN`` is the action "administer
this component" (``@api.requires(api.actions.ADMIN)`` on an admin page), while
``api.Audience.ADMIN`` is the audience "organization admins only" of an
:class:`pnyx.api.Action`.
"""

from pnyx.core_hooks import ACCOUNT, ADMIN, ADMIN_SPACE, MODERATE_SPACE, PUBLIC, VIEW

__all__ = ["ACCOUNT", "ADMIN", "ADMIN_SPACE", "MODERATE_SPACE", "PUBLIC", "VIEW"]
