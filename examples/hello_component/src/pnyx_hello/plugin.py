"""The hook implementations: what the ``hello`` plugin brings to Pnyx.

The entry point ``hello = "pnyx_hello.plugin"`` names this module; the core
registers it with pluggy when ``PNYX_PLUGINS`` lists ``hello``.
"""

from __future__ import annotations

from pnyx import api
from pnyx_hello.personal_data import messages_of
from pnyx_hello.seed import seed
from pnyx_hello.settings import GlobalSettings, StepSettings
from pnyx_hello.views import blueprint


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    return [
        api.ComponentType(
            name="hello",
            label=api._l("Message board"),
            description=api._l("Short messages that residents post and read."),
            actions=[
                # Allowed only in phases whose settings enable posting.
                api.Action("hello.post", api._l("Post a message"), step_setting="posting_enabled")
            ],
            global_settings=GlobalSettings,
            step_settings=StepSettings,
            public_blueprint=blueprint,
            seed=seed,
            # A tutorial's example: not shown to the demo's residents.
            demo_public=False,
        )
    ]


@api.hookimpl
def export_user_data(user: api.User) -> dict[str, object] | None:
    return messages_of(user)
