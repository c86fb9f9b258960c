"""Plugin ``sample``: a component type used by the core's own tests."""

from __future__ import annotations

from flask import Blueprint
from marshmallow import Schema, fields, validate

from pnyx import api

RECEIVED_EVENTS: list[api.Event] = []
#: Paths the plugin's own code saw (its ``before_request``): the core's loader must keep
#: the requests for hidden spaces and components away from it.
SEEN_PATHS: list[str] = []
blueprint = Blueprint("sample", __name__)


@blueprint.before_request
def _seen() -> None:
    SEEN_PATHS.append(api.current_component().space.slug)


class GlobalSettings(Schema):
    max_length = fields.Integer(load_default=100, validate=validate.Range(min=1, max=1000))
    title = fields.String(load_default="")


class StepSettings(Schema):
    posting_enabled = fields.Boolean(load_default=False)


@blueprint.route("/")
@api.requires(api.actions.VIEW)
def index() -> str:
    settings = api.current_settings()
    return f"sample {api.current_component().id} posting={settings.get('posting_enabled')}"


@blueprint.route("/post", methods=["POST"])
@api.requires("sample.post")
def post() -> str:
    session = api.db_session()
    api.log_action(session, "sample.post", component=api.current_component(), visibility="public")
    api.publish_event(session, "sample.posted", {"component_id": api.current_component().id})
    session.commit()
    return "posted"


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    return [
        api.ComponentType(
            name="sample",
            label="Sample",
            actions=[api.Action("sample.post", "Post", step_setting="posting_enabled")],
            global_settings=GlobalSettings,
            step_settings=StepSettings,
            public_blueprint=blueprint,
        )
    ]


@api.hookimpl
def permission_check(user, action, target):
    if action == "sample.post" and user is not None and user.name == "Vetoed":
        return False
    return None


@api.hookimpl
def on_event(event: api.Event) -> None:
    RECEIVED_EVENTS.append(event)


@api.hookimpl
def render_slot(name, context):
    if name == "space.after_components":
        return api.Snippet(api.Markup(f"<p>sample slot for {context['space'].slug}</p>"))
    return None


@api.hookimpl
def menu_links(menu, user):
    if menu == "main":
        return [api.MenuLink(label="Sample link", endpoint="pnyx.home")]
    return None
