"""The fixed vocabularies of assemblies: kinds, member positions, visibilities."""

from __future__ import annotations

from pnyx import api

#: The space type's name (``space.type``): the plugin's name, as the naming rule asks.
SPACE_TYPE = "assemblies"

#: Owner type of a member's photo (``api.attachments``).
MEMBER_RESOURCE = "assemblies_member"

#: The translated texts of an assembly (rich text except ``duration``).
TEXT_FIELDS = (
    "purpose",
    "composition",
    "organisation",
    "how_to_join",
    "duration",
    "closing_reason",
)

THEMATIC, WORKING_GROUP, GOVERNMENT, OTHER = "thematic", "working_group", "government", "other"
KINDS = (THEMATIC, WORKING_GROUP, GOVERNMENT, OTHER)

PRESIDENT, SECRETARY, MEMBER, OTHER_POSITION = "president", "secretary", "member", "other"
#: In the order members are listed: the president first.
POSITIONS = (PRESIDENT, SECRETARY, MEMBER, OTHER_POSITION)

#: Everyone reads and takes part.
PUBLIC = "public"
#: Everyone reads (members and content); only members take part.
TRANSPARENT = "transparent"
#: Only members (and the space's team) see it; others get a 404.
PRIVATE = "private"
VISIBILITIES = (PUBLIC, TRANSPARENT, PRIVATE)


def kind_labels() -> dict[str, str]:
    return {
        THEMATIC: api._("Thematic assembly"),
        WORKING_GROUP: api._("Working group"),
        GOVERNMENT: api._("Government body"),
        OTHER: api._("Other"),
    }


def position_labels() -> dict[str, str]:
    return {
        PRESIDENT: api._("President"),
        SECRETARY: api._("Secretary"),
        MEMBER: api._("Member"),
        OTHER_POSITION: api._("Other position"),
    }


def visibility_labels() -> dict[str, str]:
    return {
        PUBLIC: api._("Public: everyone reads and takes part"),
        TRANSPARENT: api._("Private but transparent: everyone reads, only members take part"),
        PRIVATE: api._("Private: only members see it"),
    }


def position_of(member: object) -> str:
    """A member's position as people read it (an "other" position by its own name)."""
    position = getattr(member, "position", MEMBER)
    if position == OTHER_POSITION:
        label = api.translated(getattr(member, "position_label", {}) or {})
        if label:
            return label
    return position_labels().get(position, position)


def kind_of(kind: str) -> str:
    return kind_labels().get(kind, kind)
