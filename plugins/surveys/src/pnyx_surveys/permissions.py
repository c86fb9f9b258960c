"""The plugin's actions and its opinion in the permission engine (DESIGN.md §5).

``surveys.answer`` is open to ``anyone`` so that a survey allowing anonymous
answers can take them; the rule below refuses anonymous people everywhere
else, and any verification staff attach (residents only...) asks them to sign
in first, as the engine does for every verifiable action.
"""

from __future__ import annotations

from pnyx import api

ANSWER = "surveys.answer"
MANAGE = "surveys.manage"

ACTIONS = (
    api.Action(
        ANSWER,
        api._l("Answer a survey"),
        audience=api.Audience.ANYONE,
        step_setting="answers_enabled",
    ),
    api.Action(
        MANAGE,
        api._l("Build a survey, moderate its texts, read and export its answers"),
        audience=api.Audience.SPACE_ADMIN,
        verifiable=False,
    ),
)

rules = api.PermissionRules()


@rules.on(ANSWER, api.Component)
def _anonymous_only_when_allowed(user: api.User | None, component: api.Component) -> bool:
    if user is not None:
        return True
    return bool(api.current_settings(component).get("anonymous_answers"))
