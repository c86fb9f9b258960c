"""The entry point's module: importing it registers the plugin's model."""

from pnyx_migdemo import models  # noqa: F401  (autogenerate must see the table)
