"""Generating the bundles: every night (``pnyx open-data generate`` from cron), when staff
ask (a job), and on the first download of one that was never generated."""

from __future__ import annotations

import logging

import click
from flask.cli import with_appcontext

from pnyx.db import get_session
from pnyx.jobs import job
from pnyx.open_data.bundle import ORGANIZATION, bundle_folder, public_spaces, write_bundle

log = logging.getLogger(__name__)


def generate_all() -> list[str]:
    """The organization's bundle and every public space's; bundles of spaces that are no
    longer public are removed (a space made private must not stay downloadable)."""
    session = get_session()
    spaces = public_spaces(session)
    written = [write_bundle(session, None).name]
    written += [write_bundle(session, space).name for space in spaces]
    for stale in bundle_folder().glob("*.zip"):
        if stale.name not in written:
            stale.unlink()
    return written


@job(timeout=3600)
def generate_bundles() -> None:
    """The background job behind the staff button (idempotent: it rewrites the files)."""
    log.info("open-data bundles written: %s", ", ".join(generate_all()))


@click.group("open-data")
def open_data_cli() -> None:
    """The open-data bundles (ZIP of CSV files)."""


@open_data_cli.command("generate")
@with_appcontext
def generate() -> None:
    """Write the bundles of the organization and of every public space (run it daily)."""
    written = generate_all()
    click.echo(f"{len(written)} bundle(s) written in {bundle_folder()}: {', '.join(written)}")


__all__ = ["ORGANIZATION", "generate_all", "generate_bundles", "open_data_cli"]
