"""A plugin for the proposals tests only: two resource types other plugins would own
(budget projects with a follow-up progress, meetings), described without a table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pnyx import api


def describe_projects(session: object, ids: Sequence[int]) -> Mapping[int, tuple[str, str, str]]:
    # Id 13 stands for a deleted project: not described, so not shown.
    return {i: (f"Project <b>{i}</b>", f"/projects/{i}", "60 % done") for i in ids if i != 13}


def describe_meetings(session: object, ids: Sequence[int]) -> Mapping[int, tuple[str, str]]:
    return {i: (f"Workshop {i}", f"/meetings/{i}") for i in ids}


def describe_broken(session: object, ids: Sequence[int]) -> Mapping[int, tuple[str, str]]:
    raise RuntimeError("a plugin's bug must not break another plugin's page")


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    return [
        api.ComponentType(
            name="linkstub",
            label="Link stub",
            resource_types=[
                api.ResourceType("linkstub_project", "Budget projects", describe=describe_projects),
                api.ResourceType("linkstub_meeting", "Meetings", describe=describe_meetings),
                api.ResourceType("linkstub_broken", "Broken", describe=describe_broken),
            ],
        )
    ]
