"""``api.attachments``: files and images attached to spaces, components and resources
(docs/attachments.md).

Checked by content (never by name), stored under generated names, served only
to those who may see their space, images with alt text and two thumbnails.
"""

from pnyx.attachments.kinds import KINDS, Kind
from pnyx.attachments.manage import manage
from pnyx.attachments.models import COVER, FILE, Attachment, AttachmentCollection
from pnyx.attachments.private import HELD, claim, held, hold, private_files_of
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
    "HELD",
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
    "claim",
    "clean_filename",
    "collections_of",
    "cover",
    "covers",
    "files_of",
    "grouped",
    "held",
    "hold",
    "manage",
    "private_files_of",
    "remove",
    "remove_all",
    "storage",
    "thumbnail_url",
    "url",
]
