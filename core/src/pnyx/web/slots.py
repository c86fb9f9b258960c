"""Slots (named insertion points in core templates) and plugin menu links."""

from __future__ import annotations

import logging
from typing import Any

from flask import current_app, g, url_for
from markupsafe import Markup

from pnyx.manifests import MenuLink, Snippet

log = logging.getLogger(__name__)


def _results(hook_name: str, **kwargs: Any) -> list[Any]:
    """Call a request hook plugin by plugin; a failing plugin is logged and skipped."""
    hook = getattr(current_app.extensions["pnyx.plugins"].pm.hook, hook_name)
    results = []
    for impl in hook.get_hookimpls():
        try:
            result = impl.function(**{name: kwargs[name] for name in impl.argnames})
        except Exception:
            log.exception("plugin %s failed in %s", impl.plugin_name, hook_name)
            continue
        if result is None:
            continue
        results.extend(result if isinstance(result, list | tuple) else [result])
    return results


def slot(name: str, **context: Any) -> Markup:
    """Render a slot: ``{{ slot("space.after_components", space=space) }}``."""
    snippets: list[Snippet] = _results("render_slot", name=name, context=context)
    ordered = sorted(snippets, key=lambda s: s.priority)
    return Markup("\n").join(s.html for s in ordered)


def menu(name: str) -> list[tuple[str, str]]:
    """``(label, url)`` pairs of a menu (``main``, ``user``, ``admin``), by priority."""
    links: list[MenuLink] = _results("menu_links", menu=name, user=g.get("user"))
    ordered = sorted(links, key=lambda link: link.priority)
    return [(str(link.label), url_for(link.endpoint, **link.values)) for link in ordered]
