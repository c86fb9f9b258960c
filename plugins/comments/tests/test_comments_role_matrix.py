"""Role × route matrix over every route of the plugin: anonymous, a participant, the comment's
author, a moderator of the space, a moderator of another space, an organization admin.

Every rule of the plugin must appear in :data:`EXPECTED` (a new route fails until its answers
are written down). ``ok`` is a 200 for a GET and, for a POST, any answer that is not a refusal
(a redirect elsewhere than the sign-in page, or a form's own 400/422).
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_comments.debates.models import Debate
from pnyx_comments.models import Comment, Report, Version

ROLES = ("anonymous", "participant", "author", "moderator", "other_moderator", "admin")
OK, SIGN_IN, FORBIDDEN, MISSING = "ok", "sign-in", "forbidden", "missing"


def everyone(outcome: str) -> dict[str, str]:
    return dict.fromkeys(ROLES, outcome)


SIGNED_IN = {**everyone(OK), "anonymous": SIGN_IN}
AUTHOR_ONLY = {**everyone(FORBIDDEN), "anonymous": SIGN_IN, "author": OK}
MODERATORS = {
    **everyone(FORBIDDEN),
    "anonymous": SIGN_IN,
    "moderator": OK,
    "admin": OK,
}
SPACE_ADMINS = {**everyone(FORBIDDEN), "anonymous": SIGN_IN, "admin": OK}
EXPECTED: dict[str, dict[str, str]] = {
    "comments.create": SIGNED_IN,
    "comments.vote": {**SIGNED_IN, "author": "400"},  # nobody votes on their own comment
    "comments.edit": AUTHOR_ONLY,
    "comments.delete": AUTHOR_ONLY,
    "comments.report": SIGNED_IN,
    "comments.history": {**MODERATORS, "anonymous": FORBIDDEN},
    "comments_moderation.moderation_queue": MODERATORS,
    "comments_moderation.hide": MODERATORS,
    "comments_moderation.unhide": MODERATORS,
    "comments_moderation.dismiss": MODERATORS,
    "comments_debates.index": everyone(OK),
    "comments_debates.show": everyone(OK),
    # Residents open debates only in a phase with creation_enabled (off here): the phase says no.
    "comments_debates.new": everyone(FORBIDDEN),
    "comments_debates_admin.index": SPACE_ADMINS,
    "comments_debates_admin.new": SPACE_ADMINS,
    "comments_debates_admin.edit": SPACE_ADMINS,
    "comments_debates_admin.close": SPACE_ADMINS,
    "comments_debates_admin.reopen": SPACE_ADMINS,
}


@pytest.fixture
def pnyx_config() -> dict[str, object]:
    return {"COMMENTS_RATE_LIMIT": 1000, "COMMENTS_HIDE_AFTER_REPORTS": 0}


def seed(session: Session, make_user, make_space, make_component, proposal, component) -> dict:
    other_space = make_space(slug="elsewhere")
    debates = make_component("comments_debates", space=component.space)
    people = {
        "participant": make_user(email="p@example.test"),
        "moderator": make_user(email="m@example.test", space_roles={component.space: "moderator"}),
        "other_moderator": make_user(
            email="o@example.test", space_roles={other_space: "moderator"}
        ),
        "admin": make_user(email="a@example.test", roles=["admin"]),
    }
    author = make_user(email="author3@example.test")
    people["author"] = author
    comment = Comment(
        resource_type="proposals_proposal",
        resource_id=proposal.id,
        component_id=component.id,
        author_id=author.id,
        body="Seeded",
        edited_at=api.utcnow(),
    )
    session.add(comment)
    session.flush()
    comment.root_id = comment.id
    session.add(Version(comment_id=comment.id, body="Before", written_at=api.utcnow()))
    session.add(Report(comment_id=comment.id, user_id=people["participant"].id, reason="spam"))
    debate = Debate(component_id=debates.id, title={"fr": "D"}, framing={"fr": "F"})
    session.add(debate)
    session.commit()
    values = {
        "space_slug": component.space.slug,
        "comment_id": comment.id,
        "resource_type": "proposals_proposal",
        "resource_id": proposal.id,
        "debate_id": debate.id,
    }
    return {"people": people, "values": values, "debates": debates}


def outcome(response: Any, method: str) -> str:
    location = response.headers.get("Location", "")
    if response.status_code in (301, 302, 303) and "/sign-in" in location:
        return SIGN_IN
    if response.status_code == 403:
        return FORBIDDEN
    if response.status_code == 404:
        return MISSING
    if method == "GET":
        return OK if response.status_code == 200 else str(response.status_code)
    if response.status_code in (200, 302, 303, 422):
        return OK
    return str(response.status_code)


def test_role_route_matrix(
    app, client, session, make_user, make_space, make_component, proposal, component
) -> None:
    seeded = seed(session, make_user, make_space, make_component, proposal, component)
    rules = [
        rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint.split(".")[0].startswith("comments")
    ]
    assert {rule.endpoint for rule in rules} == set(EXPECTED)
    failures = []
    # Reading first; the POSTs that change things (hide, delete...) last, admins at the very end.
    ordered = sorted(rules, key=lambda rule: ("GET" not in rule.methods, rule.endpoint))
    for rule in ordered:
        method = "GET" if "GET" in rule.methods else "POST"
        values = {name: seeded["values"][name] for name in rule.arguments if name != "component_id"}
        if "component_id" in rule.arguments:
            values["component_id"] = seeded["debates"].id
            values["space_slug"] = seeded["debates"].space.slug
        url = app.url_map.bind("localhost").build(rule.endpoint, values, method=method)
        for role in ROLES:
            client.sign_out()
            if role != "anonymous":
                client.sign_in(seeded["people"][role])
            data = {"body": "Matrix", "value": "up", "reason": "spam", "confirmed": "no"}
            response = client.get(url) if method == "GET" else client.post_form(url, data)
            got = outcome(response, method)
            if got != EXPECTED[rule.endpoint][role]:
                failures.append(
                    f"{method} {url} as {role}: expected {EXPECTED[rule.endpoint][role]}, got {got}"
                )
    assert failures == []
