"""A stand-in for the proposals plugin, for the tests only: the resource type
``proposals_proposal`` with a few proposals, and nothing else (made to look
installed as ``proposals`` by the tests that need it)."""

from __future__ import annotations

from collections.abc import Sequence

from pnyx import api

PROPOSALS = {7: "Cycle lanes on the riverside", 8: "Shared gardens"}


def describe(_session: object, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    return {i: (PROPOSALS[i], f"/fake-proposals/{i}") for i in ids if i in PROPOSALS}


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    resource = api.ResourceType("proposals_proposal", "Proposal", describe=describe)
    return [api.ComponentType(name="proposals", label="Proposals", resource_types=[resource])]
