"""Role × route matrix over every core route (issue 3): anonymous, participant, verified
participant, space admin, moderator of the space, admin of another space, organization admin
(issue 12: a space's admins run that space's admin pages and nothing else).

Each route's expected answers are derived from the action it declares (its
``pnyx_action`` → the action's ``Audience``), so a route added tomorrow is
covered without touching this file; :data:`EXCEPTIONS` lists, with a reason,
the routes whose answers legitimately differ from their audience's. The test
fails when a core route declares no action, when its audience has no
expectation, when a URL argument has no seeded value, and when a route answers
a role otherwise than expected.

Answers are classified as ``ok`` (200 for a GET; for a POST-only route, any
answer that is not a refusal: the empty form may well be invalid), ``sign-in``
(a redirect to the sign-in page), ``forbidden`` (403), or the status code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest
from flask import Flask
from sqlalchemy.orm import Session
from werkzeug.routing import Rule

from pnyx.admin.taxonomy_csv import ImportReport
from pnyx.admin.taxonomy_import import IMPORT_ACTION
from pnyx.attachments.storage import storage
from pnyx.manifests import Audience
from pnyx.models import (
    ActionLog,
    Attachment,
    DataExport,
    GroupRole,
    HomePageBlock,
    Newsletter,
    OutgoingMail,
    SpaceGroup,
    TaxonomyTerm,
    User,
    UserGroup,
    UserGroupMembership,
    UserSpaceRole,
    utcnow,
)
from pnyx.personal_data.export import EXPORT_LIFETIME
from pnyx.testing import PnyxClient
from pnyx.testing.files import png
from pnyx.verification.store import grant_authorization, identity_hash

pytestmark = pytest.mark.pnyx_plugins("hello")  # a component type, for component-wide routes

ROLES = (
    "anonymous",
    "participant",
    "verified",
    "space_admin",
    "space_moderator",
    "other_space_admin",
    "org_admin",
)
OK, SIGN_IN, FORBIDDEN = "ok", "sign-in", "forbidden"
REFUSED_TO_NON_ADMINS = {
    "anonymous": SIGN_IN,
    "participant": FORBIDDEN,
    "verified": FORBIDDEN,
    "space_admin": FORBIDDEN,
    "space_moderator": FORBIDDEN,
    "other_space_admin": FORBIDDEN,
    "org_admin": OK,
}

#: What each audience means for each role (docs/permissions.md, step 3).
BY_AUDIENCE: dict[Audience, dict[str, str]] = {
    Audience.ANYONE: dict.fromkeys(ROLES, OK),
    Audience.SIGNED_IN: {**dict.fromkeys(ROLES, OK), "anonymous": SIGN_IN},
    Audience.SPACE_MEMBER: {**REFUSED_TO_NON_ADMINS, "space_admin": OK, "space_moderator": OK},
    # The space's own admin pages: its admins, not its moderators nor another space's admins.
    Audience.SPACE_ADMIN: {**REFUSED_TO_NON_ADMINS, "space_admin": OK},
    Audience.SPACE_MODERATOR: {**REFUSED_TO_NON_ADMINS, "space_admin": OK, "space_moderator": OK},
    # Organization admins are user managers too; nobody in this matrix is only a user manager.
    Audience.USER_MANAGER: REFUSED_TO_NON_ADMINS,
    Audience.ADMIN: REFUSED_TO_NON_ADMINS,
}

#: Made-up tokens: the links' pages let everyone in and explain the link is not valid.
INVALID_LINK = dict.fromkeys(ROLES, 400)

#: Routes whose answers differ from their audience's, and why. ``{endpoint: {role: outcome}}``
#: (roles left out keep the audience's outcome).
EXCEPTIONS: dict[str, dict[str, Any]] = {
    # Signed-in people have nothing to do on the sign-in and sign-up pages: sent home.
    "pnyx_auth.sign_in": dict.fromkeys(ROLES[1:], 302),
    "pnyx_auth.sign_up": dict.fromkeys(ROLES[1:], 302),
    # The taxonomies' index sends admins on to the first kind of terms (territories).
    "pnyx_admin.taxonomy": {"org_admin": 302},
    # Links from e-mails, here with made-up tokens.
    "pnyx_auth.confirm_email": INVALID_LINK,
    "pnyx_auth.reset_password": INVALID_LINK,
    "pnyx_auth.confirm_new_email": INVALID_LINK,
    "pnyx_auth.sign_in_with_link": INVALID_LINK,
    # The one-click unsubscribe link of an e-mail: a made-up token is nobody's (404, signed out
    # or not; it never needs a session).
    "pnyx_notifications.unsubscribe": dict.fromkeys(ROLES, 404),
    # The kit builds its database with create_all, not the migrations: /healthz says so.
    "pnyx_health.healthz": dict.fromkeys(ROLES, 503),
    # No logo was uploaded: every name is unknown, whoever asks.
    "pnyx_branding.logo": dict.fromkeys(ROLES, 404),
    # The language switch (a GET form for visitors) sets a cookie and goes back, for everyone.
    "pnyx.switch_locale": dict.fromkeys(ROLES, 302),
    # A user group's own pages: its admins (none here) and organization admins.
    **dict.fromkeys(
        (
            "pnyx_groups.edit",
            "pnyx_groups.members",
            "pnyx_groups.invite",
            "pnyx_groups.accept",
            "pnyx_groups.change_role",
            "pnyx_groups.remove",
        ),
        REFUSED_TO_NON_ADMINS,
    ),
    # The seeded group has no logo: every name is unknown.
    "pnyx_groups.logo": dict.fromkeys(ROLES, 404),
    # An admin export's file is for the admin who asked: a made-up token is nobody's.
    "pnyx_admin.download_export": {"org_admin": 404},
    # The seeded <name> ("logo.png") names no open-data bundle: unknown to everyone.
    "pnyx_open_data.download": dict.fromkeys(ROLES, 404),
}


def audience_of(app: Flask, rule: Rule) -> Audience:
    view = app.view_functions[rule.endpoint]
    action_name = getattr(view, "pnyx_action", None)
    assert action_name, f"{rule.rule} ({rule.endpoint}) declares no action"
    action = app.extensions["pnyx.plugins"].registry.actions[action_name]
    assert action.audience in BY_AUDIENCE, (
        f"no expectation for audience {action.audience!r} ({rule.endpoint}): add it to "
        "BY_AUDIENCE in tests/test_role_route_matrix.py"
    )
    return action.audience


def expected_outcomes(app: Flask, rule: Rule) -> dict[str, Any]:
    return {**BY_AUDIENCE[audience_of(app, rule)], **EXCEPTIONS.get(rule.endpoint, {})}


def core_rules(app: Flask) -> list[Rule]:
    return sorted(
        (rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("pnyx")),
        key=lambda rule: rule.rule,
    )


# --- The people and the rows the URLs point to --------------------------------


ATTACHMENT_KEY = "0123456789abcdef0123456789abcdef.png"


def seed_attachment(space) -> Attachment:
    """A public space's image, with its thumbnail, in the instance's storage."""
    small = ATTACHMENT_KEY.replace(".png", "-small.webp")
    storage().save(ATTACHMENT_KEY, png(), "image/png")
    storage().save(small, png(), "image/webp")
    return Attachment(
        key=ATTACHMENT_KEY,
        owner_type="space",
        owner_id=space.id,
        space_id=space.id,
        filename="plan.png",
        kind="png",
        content_type="image/png",
        size=1,
        alt={"fr": "Plan"},
        thumbnails={"small": small},
    )


def seed(session: Session, make_user: Callable[..., User], make_space, make_component) -> dict:
    """Every role's person, and a row for every kind of URL argument of the core."""
    space = make_space(slug="matrix")
    other_space = make_space(slug="elsewhere")
    component = make_component(space, "hello")
    people = {
        "participant": make_user(name="Participant"),
        "verified": make_user(name="Verified participant"),
        "space_admin": make_user(name="Space admin", space_roles={space: "admin"}),
        "space_moderator": make_user(name="Space moderator", space_roles={space: "moderator"}),
        "other_space_admin": make_user(name="Other admin", space_roles={other_space: "admin"}),
        "org_admin": make_user(name="Organization admin", roles=["admin"]),
    }
    grant_authorization(session, people["verified"], "birth_date", {"birth_date": "1990-05-01"})
    target = make_user(name="Managed participant", email=None, password=None, managed=True)
    # One role to revoke per person who may revoke it: the first success removes its row.
    space_roles = {}
    for role in ROLES:
        space_roles[role] = UserSpaceRole(
            space_id=space.id, user_id=make_user(name=f"Collaborator {role}").id, role="valuator"
        )
        session.add(space_roles[role])
    space_role = UserSpaceRole(space_id=space.id, user_id=target.id, role="collaborator")
    session.add(space_role)
    territory = TaxonomyTerm(kind="territory", code="2A004", name={"fr": "Ajaccio"})
    session.add(territory)
    group = SpaceGroup(slug="matrix-group", title={"fr": "Budget participatif"})
    hero = HomePageBlock(block="hero", position=0, settings={"title": {"fr": "Bienvenue"}})
    session.add_all([group, hero])
    # A user group run by someone outside the matrix: organization admins may step in.
    user_group = UserGroup(name="Amis du Rhône", description={})
    user_group.memberships.append(
        UserGroupMembership(user_id=make_user(name="Group admin").id, role=GroupRole.ADMIN)
    )
    user_group.memberships.append(
        UserGroupMembership(user_id=make_user(name="Group member").id, role=GroupRole.REQUESTED)
    )
    session.add(user_group)
    report = {"kind": "territory", "file": "communes.csv", **ImportReport(created=1).as_dict()}
    taxonomy_import = ActionLog(action=IMPORT_ACTION, extra=report)
    session.add(taxonomy_import)
    session.flush()
    declared = grant_authorization(
        session, make_user(), "residence", {"territory_id": territory.id}, pending=True
    )
    identity = identity_hash("census", "E123", "1990-05-01")
    grant_authorization(session, make_user(), "census", {}, unique_id_hash=identity)
    conflict = grant_authorization(session, make_user(), "census", {}, unique_id_hash=identity)
    exports = {}
    for role, person in people.items():
        export = DataExport(
            user_id=person.id,
            token=f"matrix-export-{role}",
            status="ready",
            expires_at=utcnow() + EXPORT_LIFETIME,
        )
        session.add(export)
        exports[role] = export
    undelivered = OutgoingMail(
        message_id="<matrix@example.org>",
        recipient="someone@example.org",
        subject="Matrix",
        template="password_changed",
        message="To: someone@example.org\nMessage-ID: <matrix@example.org>\n\nHi\n",
        status="failed",
        attempts=1,
    )
    session.add(undelivered)
    session.add(seed_attachment(space))
    newsletter = Newsletter(subject={"fr": "Lettre"}, body={"fr": "Texte"})
    session.add(newsletter)
    session.commit()
    return {
        "people": people,
        "exports": exports,
        "per_role": {"role_id": {role: row.id for role, row in space_roles.items()}},
        "arguments": {
            "slug": space.slug,
            "space_slug": space.slug,
            "component_id": component.id,
            "action_name": "hello.post",
            "user_id": target.id,
            "role_id": space_role.id,
            "authorization_id": declared.authorization.id,
            "conflict_id": conflict.conflict.id,
            "token": "made-up-token",
            "newsletter_id": newsletter.id,
            "step_id": space.steps[0].id,
            "space_id": space.id,
            "kind": territory.kind,
            "term_id": territory.id,
            "log_id": taxonomy_import.id,
            "name": "logo.png",
            "mail_id": undelivered.id,
            "membership_id": user_group.memberships[1].id,
            "user_group_id": user_group.id,
            "group_id": group.id,
            "group_slug": group.slug,
            "position": hero.position,
            "key": ATTACHMENT_KEY,
            "size": "small",
        },
    }


def write_export_files(app: Flask, exports: Mapping[str, DataExport]) -> None:
    from pnyx.personal_data.export import export_path

    with app.app_context():
        for export in exports.values():
            export_path(export).write_bytes(b"PK\x05\x06" + b"\0" * 18)  # an empty ZIP


def url_for_role(app: Flask, rule: Rule, seeds: dict, role: str) -> str:
    """The rule's URL with seeded values (raises ``LookupError`` naming a missing one)."""
    values = {}
    for argument in rule.arguments:
        if rule.endpoint == "pnyx_personal_data.download":
            # Each person asks for their own archive (somebody else's is a 404, tested elsewhere).
            owner = role if role != "anonymous" else "participant"
            values[argument] = seeds["exports"][owner].token
            continue
        if role in seeds["per_role"].get(argument, {}):
            values[argument] = seeds["per_role"][argument][role]
            continue
        if argument not in seeds["arguments"]:
            raise LookupError(f"<{argument}> of {rule.rule} ({rule.endpoint})")
        values[argument] = seeds["arguments"][argument]
    method = "GET" if "GET" in (rule.methods or ()) else "POST"
    return app.url_map.bind("localhost").build(rule.endpoint, values, method=method)


# --- Asking ------------------------------------------------------------------


def outcome(response: Any, method: str) -> Any:
    location = response.headers.get("Location", "")
    if response.status_code in (302, 303) and "/sign-in" in location:
        return SIGN_IN
    if response.status_code == 403:
        return FORBIDDEN
    if method == "GET":
        return OK if response.status_code == 200 else response.status_code
    refused = response.status_code >= 500 or response.status_code == 405
    return response.status_code if refused else OK


class Browsers:
    """One signed-in client per role; a POST may sign its person out, so the next
    request after a POST signs them in again."""

    def __init__(self, app: Flask, people: Mapping[str, User]) -> None:
        self.people = people
        self.clients: dict[str, PnyxClient] = {role: app.test_client() for role in ROLES}
        self.stale = set(people)

    def ask(self, role: str, rule: Rule, url: str) -> tuple[str, Any]:
        client = self.clients[role]
        if role in self.stale:
            client.sign_in(self.people[role])
            self.stale.discard(role)
        if not is_post_only(rule):
            return "GET", outcome(client.get(url), "GET")
        if role in self.people:
            self.stale.add(role)
        return "POST", outcome(client.post_form(url, data={}), "POST")


def requests_in_order(rules: list[Rule]) -> list[tuple[Rule, str]]:
    """Every (rule, role) pair; the admins' POSTs last, since their empty forms may change
    things (unpublish the space, move a phase...) the other answers depend on."""
    pairs = [(rule, role) for rule in rules for role in ROLES]
    admins = ("space_admin", "org_admin")
    return sorted(pairs, key=lambda pair: pair[1] in admins and is_post_only(pair[0]))


def is_post_only(rule: Rule) -> bool:
    return "GET" not in (rule.methods or ())


def test_role_route_matrix(app, session, make_user, make_space, make_component) -> None:
    seeds = seed(session, make_user, make_space, make_component)
    write_export_files(app, seeds["exports"])
    rules = core_rules(app)
    assert len(rules) > 30
    stale = set(EXCEPTIONS) - {rule.endpoint for rule in rules}
    assert not stale, f"EXCEPTIONS name routes that no longer exist: {sorted(stale)}"
    expected = {rule.endpoint: expected_outcomes(app, rule) for rule in rules}
    browsers = Browsers(app, seeds["people"])
    mismatches, missing = [], set()
    for rule, role in requests_in_order(rules):
        try:
            url = url_for_role(app, rule, seeds, role)
        except LookupError as error:
            missing.add(str(error))
            continue
        method, got = browsers.ask(role, rule, url)
        if got != expected[rule.endpoint][role]:
            mismatches.append(
                f"{method} {url} ({rule.endpoint}) as {role}: "
                f"expected {expected[rule.endpoint][role]}, got {got}"
            )
    assert not missing, (
        "no seeded value for these URL arguments; add them to seed() in "
        "tests/test_role_route_matrix.py:\n" + "\n".join(sorted(missing))
    )
    assert not mismatches, "routes that do not answer as expected:\n" + "\n".join(mismatches)
