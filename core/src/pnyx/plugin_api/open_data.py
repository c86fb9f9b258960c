"""``api.open_data``: what a plugin gives the read-only API (docs/open-data.md).

A plugin implements the ``register_api_resources`` hook with :class:`ApiResource`
values; its marshmallow schemas name authors through :func:`author_name` only, and
write translated fields with :class:`Translated`.
"""

from pnyx.open_data.resources import ApiResource
from pnyx.open_data.schemas import Translated, author_name

__all__ = ["ApiResource", "Translated", "author_name"]
