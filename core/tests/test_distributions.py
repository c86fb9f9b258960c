"""City distributions (docs/distributions.md): found by entry point, refused with a clear
message when unusable, seeded once on a database of their own, their theme and plugins applied
by ``PNYX_DISTRIBUTION``."""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from pnyx import api, distributions
from pnyx.cli import distribution_argument
from pnyx.models import HomePageBlock, Organization, SeedRecord, Space, User
from pnyx.testing.distributions import contrast_problems, contrast_ratio

SEEDED: list[dt.date] = []
#: The module itself: the attribute ``pnyx.cli.demo`` is the command of that name.
demo_cli = importlib.import_module("pnyx.cli.demo")


def seed_tiny(session: Any, today: dt.date) -> None:
    SEEDED.append(today)
    session.add(api.Space(type="process", slug="tiny", title={"fr": "Petit"}, published=True))


def tiny(**changes: Any) -> api.Distribution:
    fields: dict[str, Any] = {
        "name": "tiny",
        "title": "A tiny city",
        "plugins": (),
        "organization": api.DistributionOrganization(
            name={"fr": "Petiteville"},
            locales=("fr", "en"),
            default_locale="fr",
            time_zone="Europe/Brussels",
        ),
        "seed": seed_tiny,
        "accounts": (api.DemoAccount("ana@tiny.test", "tiny-ana-2026", "Ana"),),
        "hero": {"title": {"fr": "Bienvenue"}},
    }
    return api.Distribution(**{**fields, **changes})


class FakeEntryPoint:
    def __init__(self, value: Any) -> None:
        self.value = "tests:distribution"
        self._loaded = value

    def load(self) -> Any:
        if isinstance(self._loaded, Exception):
            raise self._loaded
        return self._loaded


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    found: dict[str, Any] = {"tiny": FakeEntryPoint(tiny())}
    monkeypatch.setattr(distributions, "installed_distributions", lambda: found)
    return found


@pytest.fixture
def upgraded(monkeypatch: pytest.MonkeyPatch) -> None:
    """The kit's schema is made from the models, without migrations' version tables: count
    it as upgraded (the harness of pnyx.testing.distributions runs the real upgrade)."""
    monkeypatch.setattr(demo_cli, "require_upgraded", lambda distribution: None)


def test_the_command_line_argument_is_read_both_ways() -> None:
    assert distribution_argument(["demo", "--distribution", "tiny"]) == "tiny"
    assert distribution_argument(["seed", "--distribution=tiny"]) == "tiny"
    assert distribution_argument(["demo", "--port", "5001"]) is None


def test_seed_creates_organization_accounts_home_then_calls_the_seed(
    installed, upgraded, cli_runner, session
) -> None:
    SEEDED.clear()
    result = cli_runner.invoke(args=["seed", "--distribution", "tiny"])
    assert result.exit_code == 0, result.output
    assert "Seeded distribution tiny" in result.output
    organization = session.scalar(select(Organization))
    assert organization.time_zone == "Europe/Brussels"
    assert organization.available_locales == ["fr", "en"]
    assert session.scalar(select(User).where(User.email == "ana@tiny.test")).password_hash
    assert session.scalar(select(Space).where(Space.slug == "tiny")) is not None
    blocks = list(session.scalars(select(HomePageBlock.block).order_by(HomePageBlock.position)))
    assert blocks[0] == "hero" and blocks[-1] == "statistics"
    assert [dt.date.today()] == SEEDED
    records = set(session.scalars(select(SeedRecord.name)))
    assert records == {"pnyx", "distribution:tiny"}
    again = cli_runner.invoke(args=["seed", "--distribution", "tiny"])
    assert again.exit_code == 0 and "already seeded" in again.output
    assert [dt.date.today()] == SEEDED
    # A later `pnyx seed` without a distribution adds no second organization.
    cli_runner.invoke(args=["seed"])
    assert len(session.scalars(select(Organization)).all()) == 1


def test_an_unknown_distribution_names_the_installed_ones(installed, cli_runner) -> None:
    result = cli_runner.invoke(args=["seed", "--distribution", "nowhere"])
    assert result.exit_code == 1
    assert "Unknown distribution 'nowhere' (installed: tiny)" in result.output


def test_a_plugin_not_enabled_is_named(installed, cli_runner) -> None:
    installed["tiny"] = FakeEntryPoint(tiny(plugins=("hello",)))
    result = cli_runner.invoke(args=["seed", "--distribution", "tiny"])
    assert result.exit_code == 1
    assert "needs plugins that are not enabled: hello" in result.output
    assert "PNYX_PLUGINS=hello" in result.output


def test_a_plugin_not_installed_is_named(installed, cli_runner) -> None:
    installed["tiny"] = FakeEntryPoint(tiny(plugins=("nonexistent",)))
    result = cli_runner.invoke(args=["seed", "--distribution", "tiny"])
    assert result.exit_code == 1
    assert "not installed: nonexistent (pip install pnyx-nonexistent)" in result.output


def test_a_broken_entry_point_is_one_line(installed, cli_runner) -> None:
    installed["tiny"] = FakeEntryPoint(ImportError("no module named pnyx_dist_tiny"))
    result = cli_runner.invoke(args=["seed", "--distribution", "tiny"])
    assert result.exit_code == 1 and "failed to load: ImportError" in result.output
    installed["tiny"] = FakeEntryPoint(object())
    result = cli_runner.invoke(args=["seed", "--distribution", "tiny"])
    assert "must name a pnyx.api.Distribution" in result.output


def test_refused_on_a_database_not_upgraded(installed, cli_runner) -> None:
    result = cli_runner.invoke(args=["seed", "--distribution", "tiny"])
    assert result.exit_code == 1
    assert "not up to date for distribution 'tiny' (pnyx)" in result.output
    assert "PNYX_DISTRIBUTION=tiny pnyx db upgrade" in result.output


def test_refused_on_a_database_with_other_data(
    installed, upgraded, cli_runner, make_organization
) -> None:
    make_organization()
    result = cli_runner.invoke(args=["seed", "--distribution", "tiny"])
    assert result.exit_code == 1
    assert "already holds other data" in result.output and "new database" in result.output


def test_the_default_locale_is_among_the_locales() -> None:
    with pytest.raises(ValueError, match="default_locale 'nl'"):
        api.DistributionOrganization(name={"fr": "X"}, locales=("fr",), default_locale="nl")


def test_pnyx_distribution_applies_its_plugins_and_theme(installed, tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    (theme / "static").mkdir(parents=True)
    installed["tiny"] = FakeEntryPoint(tiny(plugins=("hello",), theme=theme))
    config: dict[str, Any] = {"DISTRIBUTION": "tiny", "PLUGINS": ""}
    distributions.apply_distribution_config(config)
    assert config["PLUGINS"] == "hello" and config["THEME_PATH"] == str(theme)
    chosen: dict[str, Any] = {"DISTRIBUTION": "tiny", "PLUGINS": "hello,pages", "THEME_PATH": "x"}
    distributions.apply_distribution_config(chosen)
    assert chosen["PLUGINS"] == "hello,pages" and chosen["THEME_PATH"] == "x"


def test_an_unknown_pnyx_distribution_stops_the_start_up(installed) -> None:
    with pytest.raises(api.StartupError, match="PNYX_DISTRIBUTION=nowhere: Unknown"):
        distributions.apply_distribution_config({"DISTRIBUTION": "nowhere"})


def test_contrast_ratio_and_problems(tmp_path: Path) -> None:
    assert round(contrast_ratio("#000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#777777", "#ffffff"), 2) == 4.48
    theme = tmp_path / "theme"
    (theme / "static").mkdir(parents=True)
    (theme / "static" / "theme.css").write_text(":root { --primary: #8a8a8a; }\n")
    problems = contrast_problems(tiny(theme=theme))
    assert problems and problems[0].startswith("--primary-text #ffffff on --primary #8a8a8a")
    assert contrast_problems(tiny()) == []


def test_a_name_installed_twice_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    group = distributions.ENTRY_POINT_GROUP
    twice = [
        distributions.metadata.EntryPoint("tiny", "pnyx_dist_tiny:distribution", group),
        distributions.metadata.EntryPoint("tiny", "other_tiny:distribution", group),
    ]
    monkeypatch.setattr(distributions.metadata, "entry_points", lambda group: twice)
    with pytest.raises(distributions.DistributionError, match="'tiny' is installed twice"):
        distributions.get_distribution("tiny")


@pytest.mark.parametrize(
    ("argv", "distribution", "plugins"),
    [
        (["demo", "--distribution", "tiny"], "tiny", None),
        (["seed", "--distribution=tiny"], "tiny", None),
        (["demo"], None, "*"),
    ],
)
def test_the_command_line_builds_the_app_as_the_city(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], distribution: str | None, plugins: str | None
) -> None:
    """The app exists before the command runs: ``--distribution`` makes it the city's (its
    plugins, its theme); ``pnyx demo`` alone still enables every installed plugin."""
    import os

    cli = importlib.import_module("pnyx.cli")
    for name in ("PNYX_DISTRIBUTION", "PNYX_PLUGINS"):
        # Set, then removed: monkeypatch then restores the variable as it was before the test,
        # whatever main() sets (it would otherwise leak into the next tests).
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    seen: dict[str, str | None] = {}

    def stop(*_args: Any) -> None:
        seen.update(
            distribution=os.environ.get("PNYX_DISTRIBUTION"), plugins=os.environ.get("PNYX_PLUGINS")
        )
        raise api.StartupError("stopped here")

    monkeypatch.setattr(cli, "create_app", stop)
    with pytest.raises(SystemExit):
        cli.main(argv)
    assert seen == {"distribution": distribution, "plugins": plugins}
