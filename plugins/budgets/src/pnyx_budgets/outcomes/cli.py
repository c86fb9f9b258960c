"""``pnyx budgets`` commands: compute and verify outcomes of pabulib files.

:data:`budgets` is the click group to register into the ``pnyx`` CLI (``pnyx budgets ...``);
it also runs on its own: ``python -m pnyx_budgets.outcomes.cli outcome FILE.pb --rule mes-add1``.
"""

from __future__ import annotations

import json
import warnings

import click

from ._mes_parallel import usable_cores
from .certificate import build_certificate, verify_certificate
from .model import Election
from .pabulib import PabulibError, PabulibWarning, read_pb
from .registry import ALL_RULES, compute_outcome
from .tiebreak import DEFAULT_SEED


@click.group("budgets")
def budgets() -> None:
    """Participatory budgets: outcomes of pabulib files."""


@budgets.command("outcome")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--rule",
    type=click.Choice(sorted(ALL_RULES)),
    required=True,
    help="Outcome rule (greedy rules apply META min_project_score_threshold if present).",
)
@click.option("--seed", default=DEFAULT_SEED, show_default=True, help="Seed of the tie draw.")
@click.option(
    "--processes",
    type=click.IntRange(min=0),
    default=0,
    help="Processes mes-add1 may use (0, the default: one per usable core). Same outcome.",
)
@click.option(
    "--certificate",
    "cert_path",
    type=click.Path(dir_okay=False, writable=True),
    help="Also write the outcome certificate (JSON) to this file.",
)
def outcome(path: str, rule: str, seed: str, processes: int, cert_path: str | None) -> None:
    """Print the winning project ids of the .pb (or .pb.gz) file PATH as a JSON list."""
    election = _read(path)
    try:
        result = compute_outcome(election, rule, seed=seed, processes=processes or usable_cores())
    except ValueError as error:  # the rule does not apply to this file (e.g. MES on points)
        raise click.ClickException(f"{path}: {error}") from None
    click.echo(json.dumps(list(result.winners)))
    if cert_path:
        with open(cert_path, "w", encoding="utf-8") as handle:
            json.dump(build_certificate(result, election), handle, indent=1)


@budgets.command("verify")
@click.argument("cert_path", metavar="CERT.json", type=click.Path(exists=True, dir_okay=False))
@click.argument("path", metavar="FILE.pb", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--seed",
    default=None,
    help=f"The announced tie-break seed (default: META tie_break_seed, else {DEFAULT_SEED!r}).",
)
@click.option("--any-rule", is_flag=True, help="Accept another rule than the file's META rule.")
@click.option(
    "--processes",
    type=click.IntRange(min=0),
    default=0,
    help="Processes the mes-add1 re-run may use (0, the default: one per usable core).",
)
def verify(cert_path: str, path: str, seed: str | None, any_rule: bool, processes: int) -> None:
    """Check the certificate CERT.json against the ballots of FILE.pb: OK or the problems.

    A mes-add1 certificate's completion path is checked by re-running MES at the endowments
    it went through (this takes about as long as computing the outcome).
    """
    with open(cert_path, encoding="utf-8") as handle:
        try:
            certificate = json.load(handle)
        except json.JSONDecodeError as error:
            raise click.ClickException(f"{cert_path}: not JSON ({error})") from None
    election, processes = _read(path), processes or usable_cores()
    problems = verify_certificate(
        certificate, election, seed=seed, any_rule=any_rule, processes=processes
    )
    if not problems:
        click.echo("OK")
        return
    for problem in problems:
        click.echo(problem)
    click.get_current_context().exit(1)


class BadFile(click.ClickException):
    """A .pb file that cannot be read: one line naming the file and the line, exit code 2."""

    exit_code = 2


def _read(path: str) -> Election:
    """The election of ``path``, voter ids dropped (identical ballots share one object)."""
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", PabulibWarning)
            election = read_pb(path, voters=False)
    except (PabulibError, OSError) as error:
        raise BadFile(f"{path}: {error}") from None
    for warning in caught:
        click.echo(f"{path}: warning: {warning.message}", err=True)
    return election


if __name__ == "__main__":
    budgets()
