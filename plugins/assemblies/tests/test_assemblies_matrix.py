"""Role × route matrix of the assemblies pages: public, transparent and private assemblies,
their admin pages, the directory. Non-members get a 404 on a private assembly's pages (its
existence is not revealed); its members read it; only its space admins manage it."""

from __future__ import annotations

import pytest

ROLES = ("anonymous", "participant", "member", "space_admin", "other_space_admin", "org_admin")
OK, SIGN_IN, FORBIDDEN, HIDDEN = 200, "sign-in", 403, 404


def row(*answers):
    return dict(zip(ROLES, answers, strict=True))


EVERYONE = row(OK, OK, OK, OK, OK, OK)
PRIVATE_PAGE = row(HIDDEN, HIDDEN, OK, OK, HIDDEN, OK)
PRIVATE_ADMIN = row(HIDDEN, HIDDEN, FORBIDDEN, OK, HIDDEN, OK)
PUBLIC_ADMIN = row(SIGN_IN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, OK)

#: path → expected answer per role (``{member}``: a member row of that assembly).
MATRIX = {
    "/assemblies/": EVERYONE,
    "/spaces/agora": EVERYONE,
    "/spaces/open-book": EVERYONE,
    "/spaces/closed": PRIVATE_PAGE,
    "/admin/spaces/closed/assemblies/": PRIVATE_ADMIN,
    "/admin/spaces/closed/assemblies/members": PRIVATE_ADMIN,
    "/admin/spaces/closed/assemblies/members/new": PRIVATE_ADMIN,
    "/admin/spaces/closed/assemblies/members/{closed_member}/edit": PRIVATE_ADMIN,
    "/admin/spaces/closed/assemblies/members/{closed_member}/delete": PRIVATE_ADMIN,
    "/admin/spaces/agora/assemblies/": PUBLIC_ADMIN,
    "/admin/spaces/agora/assemblies/members": PUBLIC_ADMIN,
    "/admin/spaces/agora/assemblies/members/{agora_member}/edit": PUBLIC_ADMIN,
    "/admin/spaces/open-book/assemblies/members/new": PUBLIC_ADMIN,
    # A member of another assembly is a 404 under this one.
    "/admin/spaces/agora/assemblies/members/{closed_member}/edit": {
        **PUBLIC_ADMIN,
        "space_admin": HIDDEN,
        "org_admin": HIDDEN,
    },
}


@pytest.fixture
def world(make_organization, make_assembly, add_member, make_user):
    make_organization()
    agora = make_assembly("agora")
    open_book = make_assembly("open-book", visibility="transparent")
    closed = make_assembly("closed", private=True)
    elsewhere = make_assembly("elsewhere")
    member = make_user(name="Member")
    admin_of = {agora.space: "admin", open_book.space: "admin", closed.space: "admin"}
    people = {
        "participant": make_user(name="Participant"),
        "member": member,
        "space_admin": make_user(name="Space admin", space_roles=admin_of),
        "other_space_admin": make_user(name="Other", space_roles={elsewhere.space: "admin"}),
        "org_admin": make_user(name="Org admin", roles=["admin"]),
    }
    ids = {
        "closed_member": add_member(closed, member).id,
        "agora_member": add_member(agora, name="Name only").id,
    }
    return people, ids


def outcome(response) -> object:
    if response.status_code == 302 and "/sign-in" in response.headers.get("Location", ""):
        return SIGN_IN
    return response.status_code


def test_role_route_matrix(app, world) -> None:
    people, ids = world
    mismatches = []
    for role in ROLES:
        client = app.test_client()
        if role in people:
            client.sign_in(people[role])
        for path, expected in MATRIX.items():
            url = path.format(**ids)
            got = outcome(client.get(url))
            if got != expected[role]:
                mismatches.append(f"{url} as {role}: expected {expected[role]}, got {got}")
    assert not mismatches, "\n".join(mismatches)


def test_every_assemblies_route_is_in_the_matrix(app) -> None:
    rules = {r.rule for r in app.url_map.iter_rules() if r.endpoint.startswith("assemblies")}
    covered = {
        path.replace("{closed_member}", "<int:member_id>")
        .replace("{agora_member}", "<int:member_id>")
        .replace("/closed/", "/<space_slug>/")
        .replace("/agora/", "/<space_slug>/")
        .replace("/open-book/", "/<space_slug>/")
        for path in MATRIX
    }
    assert rules <= covered, sorted(rules - covered)
