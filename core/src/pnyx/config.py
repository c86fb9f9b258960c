"""Configuration: defaults, the ``PNYX_`` environment, the instance folder.

Precedence: the ``config`` mapping given to ``create_app`` (tests), then
``PNYX_*`` environment variables, then these defaults. Keys are written
without the prefix: ``PNYX_DATABASE_URL`` becomes ``DATABASE_URL``.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from pnyx.errors import StartupError

DEFAULTS: dict[str, Any] = {
    "ENV": "development",
    "PLUGINS": "",
    "DEFAULT_LOCALE": "fr",
    "LOCALES": ("fr", "en", "co"),
    "TIME_ZONE": "Europe/Paris",
    "ALLOW_SQLITE_IN_PRODUCTION": False,
    "THEME_PATH": None,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "PAGE_SIZE": 20,
    # Admin uploads (docs/admin.md).
    "LOGO_MAX_BYTES": 512 * 1024,
    "TAXONOMY_IMPORT_MAX_BYTES": 5 * 1024 * 1024,
    # Accounts, mail and rate limits (docs/accounts.md).
    "PUBLIC_URL": None,
    "MAIL_FROM": "noreply@localhost",
    "MAIL_SMTP_HOST": None,
    "MAIL_SMTP_PORT": 587,
    "MAIL_SMTP_USERNAME": None,
    "MAIL_SMTP_PASSWORD": None,
    "MAIL_SMTP_SECURITY": "starttls",
    "REDIS_URL": None,
    "RATE_LIMIT_SIGN_IN": "10/minute;50/hour",
    "RATE_LIMIT_FORMS": "10/minute;50/hour",
    "RATE_LIMIT_MAILS": "5/hour",
    # Verification (docs/verification.md): the key of census and identity hashes
    # (default: derived from SECRET_KEY), and the largest census file accepted.
    "VERIFICATION_SECRET": None,
    "CENSUS_IMPORT_MAX_BYTES": 50 * 1024 * 1024,
}


def instance_path(overrides: Mapping[str, Any]) -> Path:
    raw = overrides.get("INSTANCE_PATH") or os.environ.get("PNYX_INSTANCE_PATH") or "instance"
    return Path(raw).resolve()


def load_config(app: Flask, overrides: Mapping[str, Any] | None) -> None:
    """Fill ``app.config`` and check it; raise :class:`StartupError` on a bad setup."""
    overrides = dict(overrides or {})
    app.config.update(DEFAULTS)
    app.config.from_prefixed_env("PNYX", loads=_keep_strings)
    app.config.update(overrides)
    app.config["INSTANCE_PATH"] = str(instance_path(overrides))
    production = app.config["ENV"] == "production"
    app.config.setdefault("DATABASE_URL", _default_database_url(app))
    app.config["SESSION_COOKIE_SECURE"] = production
    if production:
        _check_production(app)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _stored_secret_key(Path(app.config["INSTANCE_PATH"]))


def _keep_strings(value: str) -> Any:
    # Plugin lists and URLs stay plain strings; booleans and whole numbers are parsed.
    if value.lower() in ("true", "false"):
        return value.lower() == "true"
    return int(value) if value.isdigit() else value


def _default_database_url(app: Flask) -> str:
    folder = Path(app.config["INSTANCE_PATH"])
    return f"sqlite:///{folder / 'pnyx.sqlite3'}"


def _check_production(app: Flask) -> None:
    if not app.config.get("SECRET_KEY"):
        raise StartupError(
            "PNYX_ENV=production needs a secret key: set PNYX_SECRET_KEY to a long random "
            'value (python -c "import secrets; print(secrets.token_hex(32))").'
        )
    if (
        app.config["DATABASE_URL"].startswith("sqlite")
        and not app.config["ALLOW_SQLITE_IN_PRODUCTION"]
    ):
        raise StartupError(
            "PNYX_ENV=production runs on PostgreSQL: set PNYX_DATABASE_URL="
            "postgresql+psycopg://user@host/db, or PNYX_ALLOW_SQLITE_IN_PRODUCTION=true "
            "for a single-process instance."
        )


def _stored_secret_key(folder: Path) -> str:
    """The embedded default's secret: generated once, kept in the instance folder."""
    path = folder / "secret_key"
    if path.exists():
        return path.read_text().strip()
    folder.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key
