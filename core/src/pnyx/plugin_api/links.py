"""``api.links``: typed links between resources of different plugins (docs/resource-links.md).

A proposal turned into a project, a meeting and the proposals that came out of
it: each side names the other as ``(resource type, id)``, and neither plugin
imports the other.
"""

from pnyx.links import link_resources as link
from pnyx.links import linked_ids
from pnyx.links import unlink_resources as unlink
from pnyx.resources import (
    LinkedResource,
    ReadableComponents,
    ResourceDescription,
    links_of,
    readable,
    resource_type,
)
from pnyx.resources import describe_resources as describe

__all__ = [
    "LinkedResource",
    "ReadableComponents",
    "ResourceDescription",
    "describe",
    "link",
    "linked_ids",
    "links_of",
    "readable",
    "resource_type",
    "unlink",
]
