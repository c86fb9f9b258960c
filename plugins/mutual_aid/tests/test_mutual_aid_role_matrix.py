"""Role × route matrix over every route of the plugin: anonymous, a participant, the post's
author, the helper who answered it (the conversation's two participants), a stranger, the
space's moderator, the space's admin, an admin of another space and an organization admin.

A conversation answers its two participants only: everyone else gets a 404 — moderators and
admins included, until a message is reported (then moderators read it from their queue).
The test fails when a route of the plugin is missing from :data:`EXPECTED`.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from pnyx_mutual_aid.models import AidConversation, AidMessage

ROLES = (
    "anonymous",
    "participant",
    "author",
    "helper",
    "space_moderator",
    "space_admin",
    "other_space_admin",
    "org_admin",
)
OK, SIGN_IN, FORBIDDEN, NOT_FOUND = "ok", "sign-in", "forbidden", "not found"

EVERYONE = dict.fromkeys(ROLES, OK)
SIGNED_IN = {**EVERYONE, "anonymous": SIGN_IN}
AUTHOR_ONLY = {**dict.fromkeys(ROLES, FORBIDDEN), "anonymous": SIGN_IN, "author": OK}
NOT_THE_AUTHOR = {**SIGNED_IN, "author": FORBIDDEN}
PARTICIPANTS = {**dict.fromkeys(ROLES, NOT_FOUND), "anonymous": SIGN_IN, "author": OK, "helper": OK}
SPACE_ADMINS = {
    **dict.fromkeys(ROLES, FORBIDDEN),
    "anonymous": SIGN_IN,
    "space_admin": OK,
    "org_admin": OK,
}
MODERATORS = {**SPACE_ADMINS, "space_moderator": OK}

#: ``endpoint: (method, path, form data, {role: outcome})``; paths use {post}, {token},
#: {message}, and are relative to the board's public or admin address.
EXPECTED: dict[str, tuple[str, str, dict[str, str], dict[str, str]]] = {
    "mutual_aid.index": ("GET", "", {}, EVERYONE),
    "mutual_aid.show": ("GET", "posts/{post}", {}, EVERYONE),
    "mutual_aid.safety": ("GET", "safety", {}, EVERYONE),
    "mutual_aid.new": ("GET", "posts/new", {}, SIGNED_IN),
    "mutual_aid.renew": ("POST", "posts/{post}/renew", {}, AUTHOR_ONLY),
    "mutual_aid.set_status": ("POST", "posts/{post}/status", {}, AUTHOR_ONLY),
    "mutual_aid.contact_form": ("GET", "posts/{post}/contact", {}, NOT_THE_AUTHOR),
    "mutual_aid.contact": ("POST", "posts/{post}/contact", {"body": ""}, NOT_THE_AUTHOR),
    "mutual_aid.report_post": ("GET", "posts/{post}/report", {}, SIGNED_IN),
    "mutual_aid.my_conversations": ("GET", "conversations", {}, SIGNED_IN),
    "mutual_aid.conversation": ("GET", "conversations/{token}", {}, PARTICIPANTS),
    "mutual_aid.reply": ("POST", "conversations/{token}", {"body": ""}, PARTICIPANTS),
    "mutual_aid.matched": ("POST", "conversations/{token}/matched", {}, PARTICIPANTS),
    "mutual_aid.block": ("POST", "conversations/{token}/block", {}, PARTICIPANTS),
    "mutual_aid.report_message": (
        "GET",
        "conversations/{token}/messages/{message}/report",
        {},
        PARTICIPANTS,
    ),
    # Last of the conversation's routes: it ends the conversation.
    "mutual_aid.end": ("POST", "conversations/{token}/end", {}, PARTICIPANTS),
    "mutual_aid_admin.categories": ("GET", "admin:", {}, SPACE_ADMINS),
    "mutual_aid_admin.add_category": ("POST", "admin:categories", {}, SPACE_ADMINS),
    "mutual_aid_admin.edit_category": ("GET", "admin:categories/shopping", {}, SPACE_ADMINS),
    "mutual_aid_admin.edit_guidance": ("GET", "admin:guidance", {}, SPACE_ADMINS),
    "mutual_aid_admin.statistics": ("GET", "admin:statistics", {}, SPACE_ADMINS),
    "mutual_aid_admin.moderation_queue": ("GET", "admin:moderation", {}, MODERATORS),
    "mutual_aid_admin.reported_conversation": (
        "GET",
        "admin:moderation/conversations/{reported}",
        {},
        MODERATORS,
    ),
    "mutual_aid_admin.moderate_post": (
        "POST",
        "admin:moderation/posts/{post}",
        {"decision": "dismiss"},
        MODERATORS,
    ),
    "mutual_aid_admin.moderate_message": (
        "POST",
        "admin:moderation/messages/{message}",
        {"decision": "dismiss"},
        MODERATORS,
    ),
    "mutual_aid_admin.ban": (
        "POST",
        "admin:moderation/bans",
        {"user_id": "{helper_id}"},
        MODERATORS,
    ),
}


def outcome(response: Any) -> str:
    if response.status_code == 302 and "/sign-in" in response.headers.get("Location", ""):
        return SIGN_IN
    if response.status_code == 403:
        return FORBIDDEN
    if response.status_code == 404:
        return NOT_FOUND
    return OK if response.status_code < 500 else f"error {response.status_code}"


def plugin_endpoints(app: Flask) -> set[str]:
    return {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith(("mutual_aid.", "mutual_aid_admin."))
    }


@pytest.fixture
def world(client, session, board, make_user, make_space, make_post) -> dict[str, Any]:
    other_space = make_space(slug="elsewhere")
    people = {
        "participant": make_user(name="Participant"),
        "author": make_user(name="Author"),
        "helper": make_user(name="Helper"),
        "space_moderator": make_user(space_roles={board.space: "moderator"}),
        "space_admin": make_user(space_roles={board.space: "admin"}),
        "other_space_admin": make_user(space_roles={other_space: "admin"}),
        "org_admin": make_user(roles=["admin"]),
    }
    url = f"/spaces/{board.space.slug}/mutual_aid/{board.id}/"
    post = make_post(people["author"])
    reported_post = make_post(people["author"], title="Reported")
    for target in (post, reported_post):
        client.sign_in(people["helper"])
        client.post_form(url + f"posts/{target.id}/contact", {"body": "I can help you."})
    conversations = list(session.scalars(select(AidConversation).order_by(AidConversation.id)))
    messages = list(session.scalars(select(AidMessage).order_by(AidMessage.id)))
    client.sign_in(people["author"])
    client.post_form(
        url + f"conversations/{conversations[1].token}/messages/{messages[1].id}/report",
        {"reason": "spam"},
    )
    client.sign_out()
    return {
        "people": people,
        "url": url,
        "admin": f"/admin/spaces/{board.space.slug}/mutual_aid/{board.id}/",
        "values": {
            "post": post.id,
            "token": conversations[0].token,
            "message": messages[0].id,
            "reported": conversations[1].token,
            "helper_id": people["helper"].id,
        },
    }


def test_every_route_answers_each_role_as_expected(app, client, world) -> None:
    missing = plugin_endpoints(app) - set(EXPECTED)
    assert not missing, f"routes missing from the matrix: {sorted(missing)}"
    wrong = []
    for endpoint, (method, path, data, expected) in EXPECTED.items():
        base = world["admin"] if path.startswith("admin:") else world["url"]
        address = base + path.removeprefix("admin:").format(**world["values"])
        form = {key: value.format(**world["values"]) for key, value in data.items()}
        for role in ROLES:
            if role == "anonymous":
                client.sign_out()
            else:
                client.sign_in(world["people"][role])
            response = client.get(address) if method == "GET" else client.post_form(address, form)
            got = outcome(response)
            if got != expected[role]:
                wrong.append(
                    f"{method} {address} ({endpoint}) as {role}: {got}, not {expected[role]}"
                )
    assert not wrong, "\n".join(wrong)


def test_a_stranger_gets_404_on_a_conversation_by_any_id(client, world) -> None:
    client.sign_in(world["people"]["participant"])
    for guess in ("1", "2", world["values"]["token"][:-2], world["values"]["token"].upper()):
        assert client.get(world["url"] + f"conversations/{guess}").status_code == 404
