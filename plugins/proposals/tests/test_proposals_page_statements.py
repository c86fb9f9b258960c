"""A proposal's page reads people once: authors, co-authors and amendments' authors without
their organization roles (only the signed-in person's roles matter, loaded with them)."""

from __future__ import annotations

from collections.abc import Callable

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_proposals.models import Proposal


def test_the_page_does_not_read_the_authors_roles(
    client: PnyxClient,
    url: str,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
    sql_statements: Callable[[str], list[str]],
) -> None:
    author = make_user(email="admin-author@example.test", name="Ada Admin", roles=["admin"])
    proposal = add_proposal("Bike racks", author=author)
    statements = sql_statements(f"{url}{proposal.id}/")
    assert not [s for s in statements if "FROM user_organization_roles" in s]


def test_the_signed_in_reader_still_gets_their_roles(
    client: PnyxClient,
    url: str,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
) -> None:
    author = make_user(email="admin-author@example.test", roles=["admin"])
    proposal = add_proposal("Bike racks", author=author)
    client.sign_in(author)
    assert "Administration" in client.get(f"{url}{proposal.id}/").text
