"""The route fuzzer over every installed plugin: hostile input never gives a 5xx (issue 11,
item 10). Third-party plugins get the same check from the kit's contract suite
(``PluginContract.test_routes_survive_hostile_input``)."""

from __future__ import annotations

import pytest

from pnyx import plugin_system
from pnyx.testing.declarations import declarations_of, required_plugins
from pnyx.testing.fuzz import fuzz_routes
from pnyx.testing.routes import seed_plugin

PLUGINS = sorted(plugin_system.installed_entry_points())


@pytest.fixture
def pnyx_plugins(request: pytest.FixtureRequest) -> list[str]:
    return required_plugins(request.param)


@pytest.mark.parametrize("pnyx_plugins", PLUGINS, indirect=True)
def test_hostile_input_never_gives_a_server_error(app, session, pnyx_plugins) -> None:
    plugin = pnyx_plugins[-1]
    declarations = declarations_of(plugin)
    components = seed_plugin(session, declarations)
    report = fuzz_routes(app, session, declarations, components)
    print(report.summary())
    assert report.routes > 0 and report.requests > report.routes
