"""URL rules whose builders are compiled when they first build a URL, not when they are added.

Werkzeug turns every rule into two small Python functions that build its URL (one for
``url_for`` with extra arguments in the query string, one without), and compiles both the
moment the rule is added. An app with every plugin has over 400 rules, and a page builds
URLs for a few dozen of them: compiling the others took two thirds of :func:`create_app`
(0.22 of 0.32 s), paid by every worker start, every ``pnyx`` command and every test.

:class:`LazyBuilderRule` (Flask's ``url_rule_class``) compiles each builder on its first use
and keeps it on the rule; matching a request is unchanged. Two threads building the same
rule's first URL at once both compile it, and both get the same function.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from werkzeug.routing import Rule

_BUILDERS = {True: "_build_unknown", False: "_build"}


class LazyBuilderRule(Rule):
    """A :class:`~werkzeug.routing.Rule` that compiles its URL builders on first use."""

    def _compile_builder(self, append_unknown: bool = True) -> Callable[..., tuple[str, str]]:
        # Werkzeug binds what this returns to the rule and calls it with the URL's values.
        def compile_then_build(rule: Rule, /, **values: Any) -> tuple[str, str]:
            builder = Rule._compile_builder(rule, append_unknown).__get__(rule, None)
            setattr(rule, _BUILDERS[append_unknown], builder)
            return builder(**values)

        return compile_then_build
