"""Territories and themes from the core's taxonomy, as a component's settings narrow them.

A component's territories are every territory term (or those under the
``territory_root`` code); its themes every theme (or those listed in
``theme_codes``). The core reads the terms once per request
(``api.taxonomy_terms``) and finds sub-territories with a recursive query
(``api.subtree``).
"""

from __future__ import annotations

import attrs

from pnyx import api
from pnyx_proposals.settings import codes

#: Kept for the plugin's own imports: the core's term choice and queries.
TermOption = api.TermOption
subtree = api.subtree
term_labels = api.term_labels


@attrs.frozen
class ComponentTerms:
    """The territories and themes a component's proposals may use."""

    territories: tuple[api.TermOption, ...]
    themes: tuple[api.TermOption, ...]

    def territory_ids(self) -> set[int]:
        return {option.id for option in self.territories}

    def theme_ids(self) -> set[int]:
        return {option.id for option in self.themes}


def component_terms(settings: api.ResolvedSettings) -> ComponentTerms:
    """The component's territories (as a tree, depth-first) and themes."""
    root_code = settings.get("territory_root") or None
    theme_codes = codes(settings.get("theme_codes") or "")
    return ComponentTerms(
        territories=tuple(api.taxonomy_terms("territory", under=root_code)),
        themes=tuple(api.taxonomy_terms("theme", codes=theme_codes)),
    )
