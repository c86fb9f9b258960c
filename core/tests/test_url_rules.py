"""URL builders compiled on first use (pnyx.web.url_rules) build what Werkzeug's own do."""

from __future__ import annotations

import pytest
from flask import Flask, url_for
from werkzeug.routing import Map, Rule

from pnyx.web.url_rules import LazyBuilderRule

RULES = [
    ("/", {}),
    ("/spaces/<int:space_id>/", {}),
    ("/spaces/<int:space_id>/c/<slug>/page/<int:page>", {"page": 1}),
    ("/files/<path:name>", {}),
    ("/é/<any(a, b):kind>/<float:ratio>", {}),
]
VALUES = [
    {},
    {"space_id": 7},
    {"space_id": 7, "slug": "vélo à l'école", "page": 3},
    {"space_id": 7, "slug": "x", "q": ["a b", "c"], "next": "/a?b=1"},
    {"name": "a/b c.pdf"},
    {"kind": "b", "ratio": 0.5, "extra": "1"},
    {"kind": "z", "ratio": 0.5},  # refused by the converter
]


def adapters() -> tuple[object, object]:
    def built(rule_class: type[Rule]) -> object:
        rules = [
            rule_class(path, endpoint=f"e{i}", defaults=defaults or None)
            for i, (path, defaults) in enumerate(RULES)
        ]
        return Map(rules).bind("example.org", "/")

    return built(Rule), built(LazyBuilderRule)


@pytest.mark.parametrize("values", VALUES)
@pytest.mark.parametrize("append_unknown", [True, False])
def test_lazy_builders_build_what_werkzeug_builds(values: dict, append_unknown: bool) -> None:
    eager, lazy = adapters()
    for index in range(len(RULES)):
        expected = _build(eager, f"e{index}", values, append_unknown)
        assert _build(lazy, f"e{index}", values, append_unknown) == expected
        # The second build uses the compiled builder kept on the rule.
        assert _build(lazy, f"e{index}", values, append_unknown) == expected


def _build(adapter: object, endpoint: str, values: dict, append_unknown: bool) -> str:
    try:
        return adapter.build(endpoint, values, append_unknown=append_unknown)  # type: ignore[attr-defined]
    except Exception as error:  # the same refusal is what is compared
        return type(error).__name__


def test_a_builder_is_compiled_once_on_first_use() -> None:
    _, lazy = adapters()
    rule = next(r for r in lazy.map.iter_rules() if r.endpoint == "e1")  # type: ignore[attr-defined]
    waiting = rule._build_unknown
    assert waiting.__name__ == "compile_then_build"
    assert lazy.build("e1", {"space_id": 2, "q": "x"}) == "/spaces/2/?q=x"  # type: ignore[attr-defined]
    compiled = rule._build_unknown
    assert compiled is not waiting and compiled.__name__ != "compile_then_build"
    assert lazy.build("e1", {"space_id": 3}) == "/spaces/3/"  # type: ignore[attr-defined]
    assert rule._build_unknown is compiled


def test_the_app_adds_its_routes_as_lazy_rules(app: Flask) -> None:
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]
    assert rules and all(isinstance(rule, LazyBuilderRule) for rule in rules)
    with app.test_request_context():
        assert url_for("static", filename="a.css").startswith("/static/a.css")
        assert url_for("pnyx.home") == "/"
        assert url_for("pnyx_spaces.group", group_slug="nord", page=2) == (
            "/space-groups/nord?page=2"
        )
