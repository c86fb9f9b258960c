"""The space-type contract (docs/hooks.md, register_space_types): a space type brings its own
space page variables, admin pages scoped to one space, members besides role holders, and the
"members only" participation of a private-but-transparent space — without core changes."""

from __future__ import annotations

import pytest

from pnyx.permissions import decide


@pytest.fixture
def pnyx_plugins(fake_plugins):
    fake_plugins(folder="space_type_plugins", circle="pnyx_circle.plugin")
    return ["circle"]


@pytest.fixture
def circle_state():
    from pnyx_circle import plugin

    plugin.MEMBERS.clear()
    plugin.MEMBERS_ONLY.clear()
    return plugin


def test_the_space_page_receives_the_types_variables(
    client, make_organization, make_space, circle_state
) -> None:
    make_organization()
    space = make_space(type="circle", slug="garden")
    assert space.steps == []
    circle_state.MEMBERS["garden"] = {"Ana", "Bo"}
    page = client.get("/spaces/garden")
    assert page.status_code == 200
    assert "Members: Ana, Bo" in page.text


def test_the_types_admin_pages_are_scoped_to_the_space(
    client, make_organization, make_space, make_user, circle_state
) -> None:
    make_organization()
    ours = make_space(type="circle", slug="ours")
    make_space(type="circle", slug="theirs")
    client.sign_in(make_user(space_roles={ours: "admin"}))
    assert client.get("/admin/spaces/ours/circle/").text == "circle settings of ours: []"
    assert client.get("/admin/spaces/theirs/circle/").status_code == 403
    assert "/admin/spaces/ours/circle/" in client.get("/admin/spaces/ours").text


def test_members_see_a_private_space_and_others_get_404(
    client, make_organization, make_space, make_user, circle_state
) -> None:
    make_organization()
    make_space(type="circle", slug="secret", private=True)
    circle_state.MEMBERS["secret"] = {"Ana"}
    assert client.get("/spaces/secret").status_code == 404
    client.sign_in(make_user(name="Bo"))
    assert client.get("/spaces/secret").status_code == 404
    client.sign_in(make_user(name="Ana"))
    assert client.get("/spaces/secret").status_code == 200


def test_members_only_spaces_let_everyone_read_and_members_take_part(
    app, make_organization, make_space, make_component, make_user, circle_state
) -> None:
    make_organization()
    space = make_space(type="circle", slug="open-book")
    board = make_component(space, "circle_board")
    ana, bo = make_user(name="Ana"), make_user(name="Bo")
    circle_state.MEMBERS["open-book"] = {"Ana"}
    with app.test_request_context():
        assert decide(bo, "circle_board.post", board)
        assert not decide(bo, "circle_board.vote", board)  # audience space_member
        assert decide(ana, "circle_board.vote", board)
    circle_state.MEMBERS_ONLY.add("open-book")
    with app.test_request_context():
        assert decide(bo, "pnyx.view", board)
        refused = decide(bo, "circle_board.post", board)
        assert not refused
        assert refused.reason == "Seuls les membres de cet espace peuvent y participer."
        assert decide(ana, "circle_board.post", board)
