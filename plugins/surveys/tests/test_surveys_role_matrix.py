"""Role × route matrix of the surveys plugin: every route of its blueprints, every role.

Walks the URL map (a route added tomorrow without an expectation fails the test) and asks
each route as anonymous, a participant, the space's admin, the space's moderator, another
space's admin and an organization admin. Results are staff-only here (the default phase
settings); answering is open to signed-in people.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient

ROLES = ("anonymous", "participant", "space_admin", "space_moderator", "other_admin", "org_admin")
SIGN_IN, OK, NO, GONE = "sign-in", 200, 403, 404
STAFF = {
    "anonymous": SIGN_IN,
    "participant": NO,
    "space_admin": OK,
    "space_moderator": NO,
    "other_admin": NO,
    "org_admin": OK,
}
EVERYONE = dict.fromkeys(ROLES, OK)
SIGNED_IN = {**EVERYONE, "anonymous": NO}  # anonymous answers are off: a 403 that explains
MANAGERS_ONLY = {
    **STAFF,
    "anonymous": GONE,
    "participant": GONE,
    "space_moderator": GONE,
    "other_admin": GONE,
}

#: endpoint → expected answer per role (GET).
EXPECTED = {
    "surveys.index": EVERYONE,
    "surveys.answer_form": SIGNED_IN,
    "surveys.results": MANAGERS_ONLY,
    **{
        f"surveys_admin.{name}": STAFF
        for name in (
            "index",
            "texts",
            "edit_section",
            "new_question",
            "edit_question",
            "texts_moderation",
            "export_csv",
            "export_json",
            "export_xlsx",
        )
    },
}
#: The forms of other plugins: the owner component's space admins (see test_surveys_engine).
OTHER_PLUGINS_FORMS = "surveys_forms."


def _classify(status: int, location: str) -> Any:
    if status == 302 and "/sign-in" in location:
        return SIGN_IN
    return status


def test_every_route_answers_each_role_as_expected(
    app: Flask,
    client: PnyxClient,
    session: Session,
    make_user: Callable[..., api.User],
    make_space: Callable[..., api.Space],
    component: api.Component,
    conditional_survey: dict[str, Any],
    urls: Callable[..., str],
) -> None:
    section = conditional_survey["questionnaire"].sections[0]
    values = {
        "section_id": section.id,
        "question_id": conditional_survey["mode"].id,
        "kind": "short_text",
    }
    other = make_space(slug="elsewhere")
    people = {
        "participant": make_user(),
        "space_admin": make_user(space_roles={component.space: "admin"}),
        "space_moderator": make_user(space_roles={component.space: "moderator"}),
        "other_admin": make_user(space_roles={other: "admin"}),
        "org_admin": make_user(roles=["admin"]),
    }
    rules = [
        rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith(("surveys.", "surveys_admin.")) and "GET" in rule.methods
    ]
    assert {rule.endpoint for rule in rules} == set(EXPECTED), "give each new route a row"
    assert any(r.endpoint.startswith(OTHER_PLUGINS_FORMS) for r in app.url_map.iter_rules())
    wrong = []
    for role in ROLES:
        if role == "anonymous":
            client.sign_out()
        else:
            client.sign_in(people[role])
        for endpoint, expected in EXPECTED.items():
            needed = {k: v for k, v in values.items() if k in _arguments(app, endpoint)}
            response = client.get(urls(endpoint, **needed))
            found = _classify(response.status_code, response.headers.get("Location", ""))
            if found != expected[role]:
                wrong.append(f"{endpoint} as {role}: {found}, expected {expected[role]}")
    assert not wrong, "\n".join(wrong)


def _arguments(app: Flask, endpoint: str) -> set[str]:
    rule = next(rule for rule in app.url_map.iter_rules() if rule.endpoint == endpoint)
    return set(rule.arguments) | {"kind"}


@pytest.mark.parametrize("endpoint", ["surveys_admin.add_section", "surveys_admin.publish_text"])
def test_posts_of_staff_pages_are_refused_to_residents(
    client: PnyxClient,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    conditional_survey: dict[str, Any],
    endpoint: str,
) -> None:
    client.sign_in(make_user())
    arguments = {"answer_id": 1} if endpoint.endswith("publish_text") else {}
    assert client.post_form(urls(endpoint, **arguments), {}).status_code == 403
