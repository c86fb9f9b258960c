"""Start-up: configuration and plugin misconfigurations give one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from pnyx import create_app
from pnyx.cli import main
from pnyx.errors import StartupError


def config(tmp_path: Path, **extra: object) -> dict[str, object]:
    return {"INSTANCE_PATH": str(tmp_path), **extra}


def test_core_only_app_starts_with_embedded_default(tmp_path: Path) -> None:
    app = create_app(config(tmp_path, PLUGINS=""))
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'pnyx.sqlite3'}"
    assert list(app.extensions["pnyx.plugins"].plugins) == []
    assert "process" in app.extensions["pnyx.plugins"].registry.space_types


def test_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    first = create_app(config(tmp_path)).config["SECRET_KEY"]
    second = create_app(config(tmp_path)).config["SECRET_KEY"]
    assert first == second and len(first) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_environment_configures_the_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PNYX_DATABASE_URL", "sqlite:///" + str(tmp_path / "other.db"))
    monkeypatch.setenv("PNYX_INSTANCE_PATH", str(tmp_path))
    app = create_app()
    assert app.config["DATABASE_URL"].endswith("other.db")


def test_production_refuses_missing_secret(tmp_path: Path) -> None:
    with pytest.raises(StartupError, match="PNYX_SECRET_KEY"):
        create_app(config(tmp_path, ENV="production"))


STRONG_SECRET = "7f3a9c1e5b2d8f4a6c0e9b1d3f5a7c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a"
PRODUCTION = {
    "ENV": "production",
    "SECRET_KEY": STRONG_SECRET,
    "PUBLIC_URL": "https://participez.example.org",
    "ALLOW_SQLITE_IN_PRODUCTION": True,
}


def test_production_refuses_sqlite_unless_allowed(tmp_path: Path) -> None:
    with pytest.raises(StartupError, match="PostgreSQL"):
        create_app(config(tmp_path, **{**PRODUCTION, "ALLOW_SQLITE_IN_PRODUCTION": False}))
    app = create_app(config(tmp_path, **PRODUCTION))
    assert app.config["SESSION_COOKIE_SECURE"] is True


@pytest.mark.parametrize("public_url", [None, "", "participez.example.org", "javascript:x"])
def test_production_refuses_to_start_without_a_public_url(tmp_path, public_url) -> None:
    """Links in e-mails never come from the Host header (issue 11, item 6)."""
    with pytest.raises(StartupError, match="needs PNYX_PUBLIC_URL"):
        create_app(config(tmp_path, **{**PRODUCTION, "PUBLIC_URL": public_url}))


@pytest.mark.parametrize(
    "secret",
    [
        "x" * 40,
        "x" * 200,
        "short-but-mixed-Secret-1",
        "0123456789" * 3,
        "abcdefghijklmnopqrstuvwxyz",
    ],
)
def test_production_refuses_weak_secrets(tmp_path: Path, secret: str) -> None:
    with pytest.raises(StartupError, match="PNYX_SECRET_KEY is too weak"):
        create_app(config(tmp_path, **{**PRODUCTION, "SECRET_KEY": secret}))


def test_production_accepts_generated_secrets(tmp_path: Path) -> None:
    import secrets

    for secret in (secrets.token_hex(32), secrets.token_urlsafe(32)):
        assert create_app(config(tmp_path, **{**PRODUCTION, "SECRET_KEY": secret}))


def test_an_all_digit_secret_stays_a_string(tmp_path, monkeypatch) -> None:
    """Before: PNYX_SECRET_KEY=1234… became an int and every request answered 500."""
    digits = "".join(str(i % 10) for i in range(7, 87))
    monkeypatch.setenv("PNYX_SECRET_KEY", digits)
    monkeypatch.setenv("PNYX_VERIFICATION_SECRET", "0042")
    app = create_app(config(tmp_path))
    assert app.config["SECRET_KEY"] == digits and app.config["VERIFICATION_SECRET"] == "0042"
    assert app.test_client().get("/sign-in").status_code == 200


def test_a_non_string_secret_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StartupError, match="SECRET_KEY must be a string, not int"):
        create_app(config(tmp_path, SECRET_KEY=12345678901234567890))


@pytest.mark.parametrize("command", ["seed", "demo"])
def test_seed_and_demo_refuse_production(tmp_path, monkeypatch, capsys, command) -> None:
    for key, value in PRODUCTION.items():
        monkeypatch.setenv(f"PNYX_{key}", str(value).lower() if value is True else value)
    monkeypatch.setenv("PNYX_INSTANCE_PATH", str(tmp_path))
    with pytest.raises(SystemExit) as exit_info:
        main([command])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert f"pnyx {command} refuses to run with PNYX_ENV=production" in err


def test_requires_orders_loading(tmp_path: Path, fake_plugins) -> None:
    fake_plugins(needs_good="needs_good", good_one="good_one")
    app = create_app(config(tmp_path, PLUGINS="needs_good,good_one"))
    assert list(app.extensions["pnyx.plugins"].plugins) == ["good_one", "needs_good"]
    assert app.config["LOAD_ORDER"] == ["needs_good"]


def test_star_enables_every_installed_plugin(tmp_path: Path, fake_plugins) -> None:
    fake_plugins(needs_good="needs_good", good_one="good_one")
    app = create_app(config(tmp_path, PLUGINS="*"))
    assert set(app.extensions["pnyx.plugins"].plugins) == {"good_one", "needs_good"}


MISCONFIGURATIONS = [
    ("ghost", {}, "Plugin 'ghost' is enabled in PNYX_PLUGINS but not installed"),
    (
        "needs_good",
        {"needs_good": "needs_good", "good_one": "good_one"},
        "Plugin 'needs_good' requires plugin 'good_one', which is not enabled",
    ),
    (
        "misspelled",
        {"misspelled": "misspelled"},
        "Plugin 'misspelled': implements unknown hook 'register_component_typs'",
    ),
    (
        "unprefixed",
        {"unprefixed": "unprefixed"},
        "Plugin 'unprefixed' declares action 'vote' without its prefix",
    ),
    (
        "clash",
        {"clash": "clash"},
        "declares component type 'clash', already declared by plugin 'clash'",
    ),
    (
        "bad_table",
        {"bad_table": "bad_table"},
        "Plugin 'bad_table' defines table 'startup_test_things' without its prefix",
    ),
    (
        "wrong_args",
        {"wrong_args": "wrong_args"},
        "Plugin 'wrong_args': its implementation of hook 'menu_links' asks for 'colour', "
        "which the hook does not pass: use only some of (menu, user)",
    ),
    (
        "unmarked",
        {"unmarked": "unmarked"},
        "Plugin 'unmarked': function 'permission_check' in unmarked is named like the hook "
        "'permission_check' but has no @api.hookimpl marker",
    ),
    (
        "careless",
        {"careless": "careless"},
        "Plugin 'careless': view 'careless.signers' (/careless/signers.csv) declares no "
        'action, so it would serve anyone: decorate it with @api.requires("<action>")',
    ),
    (
        "broken_import",
        {"broken_import": "broken_import"},
        "Plugin 'broken_import' failed to import",
    ),
    (
        "failing_setup",
        {"failing_setup": "failing_setup"},
        "Plugin 'failing_setup' failed in hook register_space_types: RuntimeError: boom",
    ),
]


@pytest.mark.parametrize(("enabled", "installed", "message"), MISCONFIGURATIONS)
def test_misconfiguration_prints_one_line(
    enabled, installed, message, tmp_path, fake_plugins, monkeypatch, capsys
) -> None:
    fake_plugins(**installed)
    monkeypatch.setenv("PNYX_PLUGINS", enabled)
    monkeypatch.setenv("PNYX_INSTANCE_PATH", str(tmp_path))
    with pytest.raises(SystemExit) as exit_info:
        main(["plugins", "list"])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith("pnyx: ") and message in err
    assert "Traceback" not in err


def test_plugins_list_shows_installed_and_enabled(tmp_path, fake_plugins, monkeypatch, capsys):
    fake_plugins(needs_good="needs_good", good_one="good_one")
    monkeypatch.setenv("PNYX_PLUGINS", "good_one")
    monkeypatch.setenv("PNYX_INSTANCE_PATH", str(tmp_path))
    with pytest.raises(SystemExit) as exit_info:
        main(["plugins", "list"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "good_one" in out and "enabled" in out
    assert "hooks: register_component_types" in out
    assert "needs_good" in out and "not enabled" in out


def test_careless_plugin_next_to_the_core_is_refused(tmp_path, fake_plugins) -> None:
    """Deny by default holds at run time, not only in the kit: the app does not start."""
    fake_plugins(careless="careless", good_one="good_one")
    with pytest.raises(StartupError) as refused:
        create_app(config(tmp_path, PLUGINS="good_one,careless"))
    message = str(refused.value)
    assert "\n" not in message and message.count("careless.") == 1
    assert "docs/actions.md" in message


def test_every_unguarded_view_is_named_on_the_one_line(tmp_path, fake_plugins) -> None:
    from pnyx.app import build_app
    from pnyx.web.declared_actions import refuse_undeclared_views

    fake_plugins(careless="careless")
    app = build_app(config(tmp_path, PLUGINS="careless"))

    @app.route("/added-in-init-app")
    def added() -> str:
        return "unguarded"

    with pytest.raises(StartupError) as refused:
        refuse_undeclared_views(app, app.extensions["pnyx.plugins"])
    message = str(refused.value)
    assert message.startswith("The core: view 'added' (/added-in-init-app) declares no action")
    assert message.endswith("Also unguarded: careless.signers.") and "\n" not in message


def test_wrong_hook_argument_is_named_once(tmp_path, fake_plugins) -> None:
    fake_plugins(wrong_args="wrong_args")
    with pytest.raises(StartupError) as refused:
        create_app(config(tmp_path, PLUGINS="wrong_args"))
    message = str(refused.value)
    assert "'colour'" in message and message.count("wrong_args") == 1
