"""The core's contract suite: prefixed names, settings defaults, templates, actions,
migrations up and down, demo data, every page answers, hostile input."""

from pnyx.testing.contract import PluginContract


class TestSurveysContract(PluginContract):
    plugin = "surveys"
