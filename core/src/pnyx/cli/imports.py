"""``pnyx import IMPORTER FILE`` and ``pnyx export people FILE`` (docs/imports.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from pnyx.cli.users import console
from pnyx.counters import refresh_counters
from pnyx.db import get_session
from pnyx.importing.manifest import ImportContext, Importer
from pnyx.importing.people_export import export_people
from pnyx.importing.runner import BATCH_SIZE, ImportFileError, ImportResult, run_import
from pnyx.models import Component

#: Errors listed on the terminal; the count says how many more there are.
MAX_LISTED = 1000


def importers() -> dict[str, Importer]:
    return current_app.extensions["pnyx.plugins"].registry.importers


def target_component(importer: Importer, component_id: int | None) -> Component | None:
    if importer.component_type is None:
        return None
    if component_id is None:
        raise click.ClickException(
            f"{importer.name} imports into a component: give its number with --component."
        )
    component = get_session().get(Component, component_id)
    if component is None or component.type != importer.component_type:
        raise click.ClickException(
            f"Component {component_id} is not a {importer.component_type} component."
        )
    return component


def count_rows(path: Path) -> int:
    with path.open("rb") as handle:
        return max(sum(1 for _line in handle) - 1, 0)


def report_errors(result: ImportResult) -> None:
    for line, message in result.errors[:MAX_LISTED]:
        click.echo(f"line {line}: {message}", err=True)
    more = len(result.errors) - MAX_LISTED
    if more > 0:
        click.echo(f"... and {more} more.", err=True)


@click.command("import")
@click.argument("importer_name", metavar="IMPORTER")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--component", "component_id", type=int, help="The component rows go into.")
@click.option("--no-invite", is_flag=True, help="People: send no invitation e-mail.")
@click.option("--batch-size", default=BATCH_SIZE, show_default=True, type=click.IntRange(1))
@with_appcontext
def import_command(
    importer_name: str, file: Path, component_id: int | None, no_invite: bool, batch_size: int
) -> None:
    """Import a CSV file: every row is checked first; if one is wrong, nothing is written.

    IMPORTER is people, or <plugin>:<kind> (pnyx import --help lists them).
    Rows whose external_id was imported before are skipped: running it again
    creates nothing twice.
    """
    known = importers()
    if importer_name not in known:
        names = ", ".join(sorted(known)) or "none"
        raise click.ClickException(f"Unknown importer {importer_name!r}: choose among {names}.")
    importer = known[importer_name]
    if importer.name == "people" and not no_invite and not current_app.config.get("PUBLIC_URL"):
        raise click.ClickException(
            "Invitations need PNYX_PUBLIC_URL (the site's address, for their links); "
            "set it, or import with --no-invite."
        )
    with console(migrated=False):
        context = ImportContext(
            session=get_session(),
            component=target_component(importer, component_id),
            options={"invite": not no_invite},
        )
        total = count_rows(file)
        with click.progressbar(
            length=2 * total, label="Checking, then writing", file=sys.stderr
        ) as bar:
            try:
                result = run_import(
                    context, importer, file, batch_size=batch_size, progress=bar.update
                )
            except ImportFileError as error:
                raise click.ClickException(str(error)) from error
    if result.errors:
        report_errors(result)
        raise click.ClickException(
            f"{len(result.errors)} line(s) with errors in {file.name}: nothing was imported."
        )
    if context.component is not None and result.created:
        refresh_counters(context.component.id)  # its space page shows the new figures
    click.echo(
        f"{result.rows} rows: {result.created} created, "
        f"{result.unchanged} already imported (unchanged)."
    )


@click.group("export")
def export_group() -> None:
    """Export data as CSV (administrators at the server's console)."""


@export_group.command("people")
@click.argument("file", type=click.File("w", encoding="utf-8", lazy=True))
@with_appcontext
def export_people_command(file: click.utils.LazyFile) -> None:
    """People as CSV, without secrets (no password hash, no verification data); - for stdout."""
    with console(migrated=False):
        count = export_people(get_session(), file)
    click.echo(f"Exported {count} people.", err=True)
