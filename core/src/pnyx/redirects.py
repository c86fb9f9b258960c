"""Going back after a form: the only way to follow an address a request carries.

``next``, ``back`` and the like come from the request, so from anyone: followed
as they are, they would send people to another site after signing in or
voting (an open redirect). :func:`safe_next` follows only a path of this site.
Plugins use it as ``api.safe_next``; a cross-plugin test fails on a view that
reads such a field without it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import url_for


def is_same_site_path(target: str) -> bool:
    """Whether ``target`` is a path of this site that every browser reads the same way.

    Browsers drop tabs and line breaks inside a URL and read ``\\`` as ``/``: so
    ``"/\\t/evil.example"`` and ``"/\\\\evil.example"`` both mean ``//evil.example``,
    another site. Any control character, space or backslash is refused.
    """
    if not target.startswith("/") or target.startswith("//"):
        return False
    if any(ord(char) < 33 or ord(char) == 127 or char == "\\" for char in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def safe_next(target: str | None, default: str | None = None) -> str:
    """``target`` when it is a same-site path, else ``default`` (the home page if none)."""
    if target and is_same_site_path(target):
        return target
    return default if default is not None else url_for("pnyx.home")
