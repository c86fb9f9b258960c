"""The ``budgets`` click group: ``outcome`` and ``verify``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from pnyx_budgets.outcomes.cli import budgets
from pnyx_budgets.outcomes.pabulib import read_pb

DATA = Path(__file__).parent / "data"
ASSEN = str(DATA / "Netherlands_Assen_2024.pb")


def test_outcome_prints_winning_ids_as_json() -> None:
    result = CliRunner().invoke(budgets, ["outcome", ASSEN, "--rule", "mes-add1"])
    assert result.exit_code == 0, result.output
    winners = json.loads(result.output)
    official = {pid for pid, p in read_pb(ASSEN).projects.items() if p.selected == 1}
    assert set(winners) == official
    assert all(isinstance(pid, str) for pid in winners)


def test_outcome_reads_gzip_and_rejects_unknown_rules() -> None:
    runner = CliRunner()
    gz = str(DATA / "Poland_Krakow_2020.pb.gz")
    assert json.loads(runner.invoke(budgets, ["outcome", gz, "--rule", "greedy"]).output)
    assert runner.invoke(budgets, ["outcome", ASSEN, "--rule", "nope"]).exit_code == 2


def test_verify_ok_then_tampered(tmp_path: Path) -> None:
    runner = CliRunner()
    cert = tmp_path / "cert.json"
    made = runner.invoke(
        budgets, ["outcome", ASSEN, "--rule", "mes-add1", "--certificate", str(cert)]
    )
    assert made.exit_code == 0, made.output
    ok = runner.invoke(budgets, ["verify", str(cert), ASSEN])
    assert (ok.exit_code, ok.output) == (0, "OK\n")
    data = json.loads(cert.read_text())
    data["rounds"][0]["full_payers"] -= 1
    cert.write_text(json.dumps(data))
    bad = runner.invoke(budgets, ["verify", str(cert), ASSEN])
    assert bad.exit_code == 1
    assert "not as certified" in bad.output


def test_verify_reports_unreadable_input(tmp_path: Path) -> None:
    cert = tmp_path / "cert.json"
    cert.write_text("{not json")
    result = CliRunner().invoke(budgets, ["verify", str(cert), ASSEN])
    assert result.exit_code == 1 and "not JSON" in result.output


def test_rule_that_does_not_apply_is_a_clean_error() -> None:
    toulouse = str(DATA / "France_Toulouse_2019.pb")
    result = CliRunner().invoke(budgets, ["outcome", toulouse, "--rule", "mes"])
    assert result.exit_code == 1 and "approval" in result.output


def test_pnyx_budgets_outcome_needs_no_app_nor_instance(tmp_path: Path) -> None:
    """``pnyx budgets outcome`` goes through the launcher's standalone path: it works with a
    production environment that has no secret nor database (the app would refuse to start),
    without the plugin enabled, and never imports the application."""
    script = (
        "import sys\n"
        "from pnyx.launcher import main\n"
        "try:\n"
        f"    main(['budgets', 'outcome', {ASSEN!r}, '--rule', 'mes-add1'])\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        "heavy = 'pnyx.app' in sys.modules or 'flask' in sys.modules\n"
        "print('app imported' if heavy else 'no app')\n"
    )
    env = {"PATH": os.environ.get("PATH", ""), "PNYX_ENV": "production", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    winners, verdict = done.stdout.splitlines()
    assert set(json.loads(winners)) == {
        pid for pid, p in read_pb(ASSEN).projects.items() if p.selected == 1
    }
    assert verdict == "no app"
