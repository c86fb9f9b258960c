"""The core's contract suite: prefixed names, settings defaults, templates, actions,
migrations up and down, demo data, every page answers."""

from pnyx.testing.contract import PluginContract


class TestContract(PluginContract):
    plugin = "pages"
