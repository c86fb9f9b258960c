"""The plugin's actions and its opinion on comments: none on a closed or out-of-dates debate."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pnyx import api
from pnyx_comments.debates.models import Debate

CREATE = "comments.open_debate"

ACTIONS = [
    api.Action(CREATE, api._l("Open a debate"), step_setting="creation_enabled", groups=True)
]
#: The comments plugin's actions that change a debate's conversation.
WRITING = ("comments.create", "comments.vote", "comments.edit")


def check(action: str, target: Any) -> bool | None:
    if action in WRITING and isinstance(target, Debate):
        return None if target.accepts_comments(dt.date.today()) else False
    return None
