"""Components: add a registered component type to a space, edit, publish, delete.

The settings of a component have their own page (:mod:`pnyx.admin.component_settings`);
the verifications its actions need are set on ``/admin/components/<id>/permissions``.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields, validate
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from pnyx import submissions
from pnyx.admin import blueprint
from pnyx.admin.component_exports import definitions
from pnyx.admin.editing import admin_component, link, log_admin, registry, render_form
from pnyx.admin.spaces import component_deletion_blocker
from pnyx.core_hooks import ADMIN_SPACE
from pnyx.db import get_session
from pnyx.forms import Form, TranslatedText
from pnyx.i18n import organization_locales, translated
from pnyx.manifests import ComponentType
from pnyx.models import Component, Space
from pnyx.settings import validate_settings
from pnyx.web.components import component_url
from pnyx.web.guards import requires


def component_fields() -> dict[str, fields.Field]:
    return {
        "name": TranslatedText(
            required=True,
            max_length=200,
            metadata={
                "label": _l("Name"),
                "description": _l("The name residents see on the space's page."),
            },
        ),
        "weight": fields.Integer(
            load_default=0,
            validate=validate.Range(min=0, max=10000),
            metadata={
                "label": _l("Order"),
                "description": _l("Components with a smaller number come first."),
            },
        ),
        "published": fields.Boolean(
            load_default=False,
            metadata={
                "label": _l("Published"),
                "description": _l("Residents see a published component in a published space."),
            },
        ),
    }


def new_component_schema() -> Schema:
    types = registry().component_types
    type_field = fields.String(
        required=True,
        validate=validate.OneOf(list(types), labels=[str(t.label) for t in types.values()]),
        metadata={
            "label": _l("Kind of component"),
            "widget": "radio",
            "choice_descriptions": {name: str(t.description) for name, t in types.items()},
        },
    )
    name = TranslatedText(
        max_length=200,
        metadata={
            "label": _l("Name"),
            "description": _l("Leave empty to use the name of the kind of component."),
        },
    )
    return Schema.from_dict({"type": type_field, "name": name}, name="NewComponent")()


def default_name(component_type: ComponentType) -> dict[str, str]:
    """The type's label in every language of the site."""
    _default, locales = organization_locales()
    names = {}
    for locale in locales:
        with force_locale(locale):
            names[locale] = str(component_type.label)
    return names


@blueprint.route("/spaces/<space_slug>/components/new", methods=["GET", "POST"])
@requires(ADMIN_SPACE)
def component_new() -> tuple[str, int] | Response:
    space: Space = g.space
    types = registry().component_types
    form = Form(new_component_schema(), {"type": next(iter(types), None)})
    if request.method == "POST" and form.validate(request.form):
        submissions.claim()  # the form sent twice at once: one component (docs/forms.md)
        component = add_component(space, types[form.data["type"]], form.data["name"])
        flash(_("The component is added. Set it up, then publish it."), "success")
        return redirect(url_for("pnyx_admin.component", component_id=component.id))
    return render_form("pnyx/admin/component_new.html", form, space=space, types=types)


def add_component(space: Space, component_type: ComponentType, name: dict[str, str]) -> Component:
    session = get_session()
    component = Component(
        space=space,
        type=component_type.name,
        name=name or default_name(component_type),
        weight=max((c.weight for c in space.components), default=-1) + 1,
        published=False,
        settings=validate_settings(component_type, {}),
    )
    session.add(component)
    session.flush()
    log_admin(session, "pnyx.component.create", ("component", component.id), component=component)
    submissions.made(url_for("pnyx_admin.component", component_id=component.id))
    session.commit()
    return component


@blueprint.route("/components/<int:component_id>", methods=["GET", "POST"])
@requires(ADMIN_SPACE)
def component(component_id: int) -> tuple[str, int] | Response:
    component = admin_component(component_id)
    values = {"name": component.name, "weight": component.weight, "published": component.published}
    form = Form(Schema.from_dict(component_fields(), name="ComponentForm")(), values)
    if request.method == "POST" and form.validate(request.form):
        session = get_session()
        was_published = component.published
        for key, value in form.data.items():
            setattr(component, key, value)
        log_admin(
            session,
            "pnyx.component.update",
            ("component", component.id),
            component=component,
            extra={"published": component.published},
        )
        session.commit()
        flash(published_message(was_published, component.published), "success")
        return redirect(url_for("pnyx_admin.component", component_id=component.id))
    return render_form("pnyx/admin/component.html", form, **component_context(component))


def published_message(before: bool, after: bool) -> str:
    if after and not before:
        return _("The component is saved and published.")
    if before and not after:
        return _("The component is saved and no longer published.")
    return _("The component is saved.")


def component_context(component: Component) -> dict[str, Any]:
    """What the component's admin page links to."""
    return {
        "component": component,
        "space": component.space,
        "component_type": registry().component_type(component.type),
        "public_url": component_url(component),
        "exports": definitions(component),
        "type_admin_url": type_admin_url(component),
        "permissions_url": link(
            "pnyx_verification_admin.component_permissions",
            f"/admin/components/{component.id}/permissions",
            component_id=component.id,
        ),
    }


def type_admin_url(component: Component) -> str | None:
    """The first page of the component type's own admin blueprint, if it has one."""
    component_type = registry().component_type(component.type)
    blueprint_ = component_type.admin_blueprint if component_type else None
    if blueprint_ is None:
        return None
    values = {"space_slug": component.space.slug, "component_id": component.id}
    rules = [
        rule
        for rule in current_app.url_map.iter_rules()
        if rule.endpoint.startswith(f"{blueprint_.name}.")
        and "GET" in (rule.methods or ())
        and set(rule.arguments) <= set(values)
    ]
    if not rules:
        return None
    rules.sort(key=lambda rule: len(rule.rule))  # the index page first
    return url_for(rules[0].endpoint, **values)


@blueprint.route("/components/<int:component_id>/delete", methods=["GET", "POST"])
@requires(ADMIN_SPACE)
def component_delete(component_id: int) -> tuple[str, int] | Response:
    component = admin_component(component_id)
    space = component.space
    reason = component_deletion_blocker(component)
    if request.method == "POST" and reason is None:
        reason = delete_component(component)
        if reason is None:
            name = translated(component.name)
            flash(_("The component %(name)s is deleted.", name=name), "success")
            return redirect(url_for("pnyx_admin.space", space_slug=space.slug))
    page = render_template("pnyx/admin/component_delete.html", component=component, reason=reason)
    return page, 409 if request.method == "POST" else 200


def delete_component(component: Component) -> str | None:
    """Delete ``component`` and what its plugin keeps for it (the database cascades); a
    reason when the database refuses."""
    session = get_session()
    space = component.space
    extra = {"component_id": component.id, "type": component.type}
    try:
        with session.begin_nested():
            session.delete(component)
            log_admin(
                session,
                "pnyx.component.delete",
                ("component", component.id),
                space=space,
                extra=extra,
            )
    except IntegrityError:
        return _("Content of this component is still referred to elsewhere: it cannot be deleted.")
    session.commit()
    return None
