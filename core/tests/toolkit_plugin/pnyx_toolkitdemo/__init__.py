"""An in-test plugin that uses every helper of ``pnyx.toolkit`` through ``pnyx.api``."""
