"""The permission engine (DESIGN.md §5) through a sample component's routes."""

from __future__ import annotations

import pytest

from pnyx.permissions import decide


@pytest.fixture
def pnyx_plugins(fake_plugins):
    fake_plugins(sample="sample_plugin")
    return ["sample"]


@pytest.fixture
def board(make_space, make_component):
    space = make_space(steps=2, active=0)
    component = make_component(
        space, "sample", settings={"default_step": {"posting_enabled": True}}
    )
    return space, component


def url(space, component, path=""):
    return f"/spaces/{space.slug}/sample/{component.id}/{path}"


def test_anonymous_reads_but_must_sign_in_to_post(client, board) -> None:
    space, component = board
    assert client.get(url(space, component)).status_code == 200
    response = client.post_form(url(space, component, "post"), data={})
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_signed_in_person_posts_when_step_allows(client, sign_in, make_user, board) -> None:
    space, component = board
    sign_in(client, make_user())
    assert client.post_form(url(space, component, "post"), data={}).status_code == 200


def test_step_gate_refuses_with_reason(client, session, sign_in, make_user, board) -> None:
    space, component = board
    component.settings = {"default_step": {"posting_enabled": False}}
    session.commit()
    sign_in(client, make_user())
    response = client.post_form(url(space, component, "post"), data={})
    assert response.status_code == 403
    assert b"current phase" in response.data


def test_unpublished_component_is_hidden_from_residents(client, session, board) -> None:
    space, component = board
    component.published = False
    session.commit()
    assert client.get(url(space, component)).status_code == 404


def test_unpublished_space_visible_to_admin_only(
    client, session, sign_in, make_user, board
) -> None:
    """404, not 403: a 403 would tell the public that the space exists (issue 10, item 9)."""
    space, component = board
    space.published = False
    session.commit()
    assert client.get(f"/spaces/{space.slug}").status_code == 404
    assert client.get(url(space, component)).status_code == 404
    sign_in(client, make_user(roles=["admin"]))
    assert client.get(f"/spaces/{space.slug}").status_code == 200


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_private_space_is_404_to_outsiders_before_plugin_code_runs(
    client, session, sign_in, make_user, board, method
) -> None:
    """The loader hides a private space's component whatever the view declares: neither the
    plugin's ``before_request`` nor its view runs for an outsider."""
    from sample_plugin import SEEN_PATHS

    space, component = board
    space.private = True
    session.commit()
    SEEN_PATHS.clear()
    send = client.get if method == "GET" else client.post_form
    assert send(url(space, component, "post" if method == "POST" else "")).status_code == 404
    sign_in(client, make_user(name="Outsider"))
    assert send(url(space, component, "post" if method == "POST" else "")).status_code == 404
    assert client.get(f"/spaces/{space.slug}").status_code == 404
    assert SEEN_PATHS == []
    sign_in(client, make_user(name="Member", space_roles={space: "collaborator"}))
    assert client.get(url(space, component)).status_code == 200
    assert [space.slug] == SEEN_PATHS


def test_any_plugin_no_wins(client, sign_in, make_user, board) -> None:
    space, component = board
    sign_in(client, make_user(name="Vetoed"))
    assert client.post_form(url(space, component, "post"), data={}).status_code == 403


def test_authorizations_attached_to_action_are_required(app, session, make_user, board) -> None:
    _space, component = board
    component.permissions = {"sample.post": {"authorizations": [{"handler": "nope"}]}}
    session.commit()
    with app.test_request_context():
        decision = decide(make_user(), "sample.post", component)
    assert not decision and decision.reason


def test_unknown_action_is_denied(app, make_user, board) -> None:
    with app.test_request_context():
        assert not decide(make_user(), "sample.unknown", board[1])


def test_wrong_space_for_component_is_404(client, make_space, board) -> None:
    _space, component = board
    other = make_space()
    assert client.get(url(other, component)).status_code == 404
