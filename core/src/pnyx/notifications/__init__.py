"""Following, notifications, digests and one-click unsubscribe (issue 19, docs/notifications.md).

- :mod:`.following`: follow and unfollow a space, a component or a resource;
- :mod:`.kinds`: the notification kinds plugins declare (``register_notification_kinds``);
- :mod:`.publish`: ``api.notify`` and the job that stores one notification per recipient;
- :mod:`.delivery`, :mod:`.messages`, :mod:`.outgoing`: e-mails at once or as digests;
- :mod:`.views`, :mod:`.preferences`, :mod:`.unsubscribe`: the pages.

Kept free of imports at module level: :mod:`pnyx.models` imports :mod:`.models`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask

    from pnyx.plugin_system import PluginSystem


def init_notifications(app: Flask, plugins: PluginSystem) -> None:
    """Collect the plugins' notification kinds; serve the pages; offer the template helpers."""
    from flask_babel import lazy_gettext as _l

    from pnyx.navigation import account_link
    from pnyx.notifications import (  # noqa: F401 (they add routes)
        bounce_views,
        preferences,
        unsubscribe,
    )
    from pnyx.notifications.activity import views as activity_views  # noqa: F401 (routes)
    from pnyx.notifications.activity.avatars import avatar_url, initials
    from pnyx.notifications.follow_forms import follow_state
    from pnyx.notifications.kinds import register_kinds
    from pnyx.notifications.newsletters.views import blueprint as newsletters
    from pnyx.notifications.views import blueprint, unread_count

    for impl in plugins.pm.hook.register_notification_kinds.get_hookimpls():
        register_kinds(app, impl.plugin_name, list(impl.function() or []))
    app.extensions.setdefault("pnyx.notification_kinds", {})
    app.register_blueprint(blueprint)
    app.register_blueprint(newsletters)
    app.jinja_env.globals.update(follow_state=follow_state, unread_notifications=unread_count)
    app.jinja_env.globals.update(avatar_url=avatar_url, initials=initials)
    account_link(lambda: str(_l("Notifications I receive")), "pnyx_notifications.preferences")
