"""Plugin ``shell``: a component type with figures and an action, for the public shell's tests."""

from __future__ import annotations

from flask import Blueprint, render_template_string
from marshmallow import Schema, fields

from pnyx import api

blueprint = Blueprint("shell", __name__)

PAGE = """{% extends "pnyx/component.html" %}
{% block component_content %}<h1>{{ component.name|t }}</h1>{% endblock %}"""


class StepSettings(Schema):
    votes_enabled = fields.Boolean(load_default=False)


@blueprint.route("/")
@api.requires(api.actions.VIEW)
def index() -> str:
    return render_template_string(PAGE, component=api.current_component())


@blueprint.route("/broken")
@api.requires(api.actions.VIEW)
def broken() -> str:
    raise RuntimeError("a bug with a secret in its message")


def failing_figure(session, component) -> int:
    raise RuntimeError("this statistic is broken")


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    return [
        api.ComponentType(
            name="shell",
            label="Shell sample",
            actions=[
                api.Action("shell.vote", "Vote for a project", step_setting="votes_enabled"),
                api.Action("shell.moderate", "Hide a project", audience=api.Audience.ADMIN),
            ],
            step_settings=StepSettings,
            public_blueprint=blueprint,
            stats=[
                api.StatDefinition("shell_votes", "Votes", lambda session, component: 1234),
                api.StatDefinition("shell_broken", "Broken figure", failing_figure),
            ],
        )
    ]


@api.hookimpl
def render_slot(name, context):
    if name == "space.statistics" and context["space"].components:
        return api.Snippet(api.Markup(f"<p>figures of {context['space'].slug}</p>"))
    return None
