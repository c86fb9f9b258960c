"""The participatory text's action: staff import it and publish its versions.

Reading the text is ``pnyx.view``; amending and commenting an article are the
actions of amendments and comments on the article's proposal.
"""

from __future__ import annotations

from typing import Any

from pnyx import api
from pnyx_proposals.permissions import manages, rules

MANAGE_TEXT = "proposals.manage_text"

ACTIONS = (
    api.Action(
        MANAGE_TEXT,
        api._l("Import a participatory text and publish its versions"),
        audience=api.Audience.SPACE_MEMBER,
        verifiable=False,
    ),
)


@rules.on(MANAGE_TEXT)
def _managers(user: api.User | None, target: Any) -> bool:
    return manages(user, api.space_of(target))
