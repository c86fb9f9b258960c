"""The ``pnyx`` executable: pure file commands start at once, everything else builds the app.

Building the application (configuration, database engine, every enabled plugin) takes a second
or two and needs an instance. A plugin may also offer commands that need none of that — e.g.
``pnyx budgets outcome FILE.pb`` reads a file and prints a result — by declaring its click
group under the entry-point group :data:`STANDALONE`, named like its command group::

    [project.entry-points."pnyx.standalone_commands"]
    budgets = "pnyx_budgets.outcomes.cli:budgets"

``pnyx budgets outcome ...`` then runs that group directly when ``outcome`` is one of its
commands: no app, no configuration, and the plugin need not be enabled in any instance. Any
other command line (``pnyx budgets import-pabulib``, ``pnyx budgets --help``) goes to the full
CLI of :mod:`pnyx.cli`. This module imports nothing heavy on purpose.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.metadata import entry_points

STANDALONE = "pnyx.standalone_commands"


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    group = _standalone_group(args)
    if group is not None:
        group.main(args=args[1:], prog_name=f"pnyx {args[0]}")
        return
    from pnyx.cli import main as full_main

    full_main(args)


def _standalone_group(args: list[str]):  # -> click.Group | None (click is not imported here)
    """The standalone group that owns ``args[1]`` as a command, if any."""
    if len(args) < 2 or args[0].startswith("-"):
        return None
    found = entry_points(group=STANDALONE, name=args[0])
    for entry in found:
        group = entry.load()
        if args[1] in getattr(group, "commands", {}):
            return group
    return None
