"""``pnyx.launcher``: standalone plugin commands run without the app; the rest goes to the CLI."""

from __future__ import annotations

from typing import Any

import click
import pytest

import pnyx.cli
from pnyx import launcher


@click.group("files")
def files_group() -> None:
    """A plugin's group of file commands."""


@files_group.command("count")
@click.argument("word")
def count(word: str) -> None:
    click.echo(f"{word}: {len(word)}")


class FakeEntryPoint:
    def load(self) -> click.Group:
        return files_group


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Entry points offer the ``files`` group; calls to the full CLI are recorded, not run."""

    def entry_points(group: str, name: str) -> list[Any]:
        assert group == launcher.STANDALONE
        return [FakeEntryPoint()] if name == "files" else []

    recorded: list[list[str]] = []
    monkeypatch.setattr(launcher, "entry_points", entry_points)
    monkeypatch.setattr(pnyx.cli, "main", recorded.append)
    return recorded


def test_a_standalone_command_runs_without_the_full_cli(
    calls: list[list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        launcher.main(["files", "count", "agora"])
    assert done.value.code == 0
    assert capsys.readouterr().out == "agora: 5\n"
    assert calls == []


@pytest.mark.parametrize(
    "args",
    [["files", "other", "x"], ["files"], ["files", "--help"], ["db", "upgrade"], ["--help"], []],
)
def test_everything_else_goes_to_the_full_cli(calls: list[list[str]], args: list[str]) -> None:
    launcher.main(args)
    assert calls == [args]
