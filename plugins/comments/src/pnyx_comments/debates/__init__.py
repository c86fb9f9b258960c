"""The ``comments_debates`` component: a framed question, comments with alignment, a
conclusion. Its records (``comments_debate``) are commentable like any other plugin's."""

from __future__ import annotations

from pnyx import api
from pnyx_comments.debates import admin, public  # noqa: F401  (registers the routes)
from pnyx_comments.debates.common import admin_blueprint, blueprint
from pnyx_comments.debates.models import RESOURCE
from pnyx_comments.debates.permissions import ACTIONS
from pnyx_comments.debates.queries import describe, load
from pnyx_comments.debates.seed import seed
from pnyx_comments.debates.settings import StepSettings


def component_type() -> api.ComponentType:
    return api.ComponentType(
        name="comments_debates",
        label=api._l("Debates"),
        description=api._l(
            "A question put to discussion: arguments for and against, then a conclusion."
        ),
        actions=ACTIONS,
        step_settings=StepSettings,
        public_blueprint=blueprint,
        admin_blueprint=admin_blueprint,
        resource_types=[
            api.ResourceType(
                RESOURCE,
                api._l("Debate"),
                describe=describe,
                commentable=True,
                load=load,
            )
        ],
        seed=seed,
    )
