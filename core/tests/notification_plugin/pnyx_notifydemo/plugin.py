"""``notifydemo``: declares notification kinds and a resource type, for the core's tests of
following and notifications (core/tests/test_notifications_*.py). Thing 999 is "hidden"."""

from __future__ import annotations

from typing import Any

from pnyx import api

HIDDEN = 999


def describe(_session: Any, ids: list[int]) -> dict[int, tuple[str, str]]:
    return {i: (f"Thing {i}", f"/things/{i}") for i in ids if i != HIDDEN}


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    return [
        api.ComponentType(
            name="notifydemo",
            label="Notify demo",
            resource_types=[api.ResourceType("notifydemo_thing", "Thing", describe=describe)],
        )
    ]


@api.hookimpl
def register_notification_kinds() -> list[api.NotificationKind]:
    return [
        api.NotificationKind("notifydemo.changed", "Thing changed", ("followers", "authors")),
        api.NotificationKind("notifydemo.flagged", "Thing flagged", ("staff",)),
        api.NotificationKind("notifydemo.mention", "You were mentioned", ("mentioned",)),
    ]


@api.hookimpl
def user_activity(user: api.User, public: bool, limit: int) -> list[api.ActivityItem]:
    import datetime as dt

    day = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    items = [
        api.ActivityItem("Wrote", "A public thing", "/things/1", day, public=True),
        api.ActivityItem("Voted in", "A secret-free vote", "", day + dt.timedelta(days=1)),
    ]
    return items[:limit]
