"""The core's contract suite: prefixed names, templates, actions, migrations up and down,
every page answers."""

from pnyx.testing.contract import PluginContract


class TestCommentsContract(PluginContract):
    plugin = "comments"
    also_enable = ("proposals",)
