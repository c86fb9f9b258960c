"""``api.attachments``: files and images attached to spaces, components and resources
(docs/attachments.md).

Checked by content (never by name), stored under generated names, served only
to those who may see their space, images with alt text and two thumbnails.
"""

from pnyx.attachments.kinds import KINDS, Kind
from pnyx.attachments.manage import manage
from pnyx.attachments.models import COVER, FILE, Attachment, AttachmentCollection
from pnyx.attachments.service import (
    add_collection,
    attach,
    collections_of,
    cover,
    covers,
    files_of,
    grouped,
    remove,
    remove_all,
    thumbnail_url,
    url,
)
from pnyx.attachments.storage import LocalStorage, S3Storage, Storage, storage
from pnyx.attachments.upload import AttachmentError, clean_filename

__all__ = [
    "COVER",
    "FILE",
    "KINDS",
    "Attachment",
    "AttachmentCollection",
    "AttachmentError",
    "Kind",
    "LocalStorage",
    "S3Storage",
    "Storage",
    "add_collection",
    "attach",
    "clean_filename",
    "collections_of",
    "cover",
    "covers",
    "files_of",
    "grouped",
    "manage",
    "remove",
    "remove_all",
    "storage",
    "thumbnail_url",
    "url",
]
