"""The core's contract suite: prefixed names, templates, actions, migrations up and down,
every page answers, hostile input."""

from pnyx.testing.contract import PluginContract


class TestContract(PluginContract):
    plugin = "assemblies"
