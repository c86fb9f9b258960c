"""Public, private-but-transparent and private assemblies: who sees, who takes part."""

from __future__ import annotations

import pytest

from pnyx import api


@pytest.fixture
def pnyx_plugins() -> list[str]:
    return ["assemblies", "hello"]  # hello: a component with a signed-in action


@pytest.fixture
def people(make_user):
    return {"member": make_user(name="Member"), "outsider": make_user(name="Outsider")}


def test_a_private_assembly_is_404_except_for_members_and_its_team(
    client, make_organization, make_assembly, add_member, make_user, people
) -> None:
    make_organization()
    assembly = make_assembly("closed-council", private=True)
    add_member(assembly, people["member"])
    board = client.get("/spaces/closed-council")
    assert board.status_code == 404
    client.sign_in(people["outsider"])
    assert client.get("/spaces/closed-council").status_code == 404
    client.sign_in(people["member"])
    assert client.get("/spaces/closed-council").status_code == 200
    client.sign_in(make_user(name="Staff", space_roles={assembly.space: "admin"}))
    assert client.get("/spaces/closed-council").status_code == 200


def test_a_transparent_assembly_is_read_by_all_and_joined_by_members(
    app, client, make_organization, make_assembly, add_member, make_component, people
) -> None:
    make_organization()
    assembly = make_assembly("open-book", visibility="transparent")
    add_member(assembly, people["member"])
    board = make_component(assembly.space, "hello")
    assert client.get("/spaces/open-book").status_code == 200
    with app.test_request_context():
        refused = api.decide(people["outsider"], "hello.post", board)
        assert not refused
        assert refused.reason == "Seuls les membres de cet espace peuvent y participer."
        assert api.decide(people["outsider"], api.actions.VIEW, board)
        member_decision = api.decide(people["member"], "hello.post", board)
        assert member_decision.reason != refused.reason
    client.sign_in(people["outsider"])
    assert "only its members take part" in client.get("/spaces/open-book").text


def test_a_public_assembly_lets_everyone_take_part(
    app, make_organization, make_assembly, make_component, people
) -> None:
    make_organization()
    assembly = make_assembly("agora")
    board = make_component(assembly.space, "hello")
    with app.test_request_context():
        decision = api.decide(people["outsider"], "hello.post", board)
        assert decision.reason != "Seuls les membres de cet espace peuvent y participer."
