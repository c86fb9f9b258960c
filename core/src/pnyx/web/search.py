"""The site-wide search page: every enabled plugin's resources, one search box.

Plugins answer the ``search_resources`` hook with :class:`pnyx.manifests.SearchResult`
values, each naming the component it belongs to. The core drops every result
whose space or component the person may not see (the same visibility check as
the pages), so a plugin only has to leave out what it hides itself (drafts,
hidden or withdrawn content).
"""

from __future__ import annotations

from flask import Blueprint, g, render_template, request

from pnyx.core_hooks import PUBLIC
from pnyx.manifests import SearchResult
from pnyx.permissions import visibility
from pnyx.search import search_words
from pnyx.web.guards import requires
from pnyx.web.slots import _results

blueprint = Blueprint("pnyx_search", __name__)

#: Results asked of each plugin (the page shows the best ones of each kind).
PER_PLUGIN = 20


def search_everywhere(text: str, limit: int = PER_PLUGIN) -> list[SearchResult]:
    """What every plugin finds for ``text`` and the person may see."""
    user = g.get("user")
    found: list[SearchResult] = _results("search_resources", text=text, user=user, limit=limit)
    return [result for result in found if visibility(user, result.component)]


@blueprint.get("/search")
@requires(PUBLIC)
def search() -> str:
    text = search_words(request.args.get("q"))
    results = search_everywhere(text) if text else []
    groups: dict[str, list[SearchResult]] = {}
    for result in results:
        groups.setdefault(str(result.kind), []).append(result)
    return render_template("pnyx/search.html", text=text, groups=groups, count=len(results))
