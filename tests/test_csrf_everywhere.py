"""Every route that accepts POST refuses a request without a valid CSRF token (issue 3),
with every installed plugin enabled, before its view runs."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select
from werkzeug.routing import Rule

from pnyx.models import Component
from pnyx.testing import factories
from pnyx.testing.declarations import declarations_of
from pnyx.testing.routes import seed_plugin, url_values
from pnyx.web.csrf import EXEMPT

pytestmark = pytest.mark.pnyx_plugins("*")

#: Values for URL arguments of routes outside components. The CSRF check runs before the
#: view, so only arguments loaded before it (the space, the component) must exist.
FALLBACK = {"int": 1, "default": "x"}
#: ``<int:step_id>`` → ``("int", "step_id")``; ``<token>`` → ``("", "token")``.
ARGUMENT = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


def post_rules(app: Flask) -> list[Rule]:
    # The one-click unsubscribe (RFC 8058) proves itself with a signed token instead:
    # core/tests/test_notifications_unsubscribe.py shows a forged one changes nothing.
    rules = [
        rule
        for rule in app.url_map.iter_rules()
        if "POST" in (rule.methods or ()) and rule.endpoint not in EXEMPT
    ]
    return sorted(rules, key=lambda rule: rule.rule)


def components_by_blueprint(app: Flask, session) -> tuple[dict[str, tuple[str, Component]], dict]:
    """``(plugin, a seeded component of its type)`` by blueprint name; rows of their tables."""
    owners: dict[str, tuple[str, Component]] = {}
    rows: dict[str, Any] = {}
    for plugin in app.extensions["pnyx.plugins"].plugins:
        declarations = declarations_of(plugin)
        components = {c.type: c for c in seed_plugin(session, declarations)}
        for table in declarations.tables():
            rows[table.name] = list(session.execute(select(table).limit(20)).mappings())
        for component_type in declarations.component_types:
            for blueprint in (component_type.public_blueprint, component_type.admin_blueprint):
                if blueprint is not None:
                    owners[blueprint.name] = (plugin, components[component_type.name])
    return owners, rows


def build_url(app: Flask, rule: Rule, owners: dict, rows: dict, space_slug: str) -> str:
    plugin, component = owners.get(rule.endpoint.split(".")[0], ("", None))
    values = url_values(rule, component, rows, plugin) if component is not None else {}
    if isinstance(values, str):  # no seeded row for an argument: the fallbacks will do
        values = {}
    for converter, argument in ARGUMENT.findall(rule.rule):
        if argument in values:
            continue
        if argument in ("slug", "space_slug"):
            values[argument] = space_slug
        else:
            values[argument] = FALLBACK["int" if converter == "int" else "default"]
    return app.url_map.bind("localhost").build(rule.endpoint, values, method="POST")


def record_views(app: Flask) -> list[str]:
    """Replace every view by a wrapper that notes its endpoint when it runs."""
    ran: list[str] = []

    def wrap(endpoint: str, view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def noting(*args: Any, **kwargs: Any) -> Any:
            ran.append(endpoint)
            return view(*args, **kwargs)

        return noting

    for endpoint, view in list(app.view_functions.items()):
        app.view_functions[endpoint] = wrap(endpoint, view)
    return ran


def test_every_post_route_refuses_a_request_without_a_valid_token(
    app, client, session, make_user
) -> None:
    space = factories.create_space(session, slug="csrf")
    owners, rows = components_by_blueprint(app, session)
    client.sign_in(make_user(roles=["admin"]))
    rules = post_rules(app)
    plugins = app.extensions["pnyx.plugins"].plugins
    assert len(rules) > 20 and plugins, "every installed plugin is enabled"
    ran = record_views(app)
    accepted = []
    for rule in rules:
        url = build_url(app, rule, owners, rows, space.slug)
        forged = client.csrf_token()[::-1]
        for data in ({}, {"csrf_token": forged}):
            response = client.post(url, data=data)
            if response.status_code != 400 or ran:
                problem = "its view ran" if ran else f"answered {response.status_code}"
                accepted.append(
                    f"POST {url} ({rule.endpoint}) with {data or 'no token'}: {problem}"
                )
            ran.clear()
    assert not accepted, "POSTs accepted without a valid CSRF token:\n" + "\n".join(accepted)


def test_a_post_with_the_token_reaches_the_view(app, client, session, make_user) -> None:
    """The check above is not vacuous: the same client with its token gets through."""
    ran = record_views(app)
    client.sign_in(make_user())
    client.post_form("/locale", data={"locale": "en"})
    assert ran == ["pnyx.switch_locale"]
