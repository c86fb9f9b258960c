"""Configuration: defaults, the ``PNYX_`` environment, the instance folder.

Precedence: the ``config`` mapping given to ``create_app`` (tests), then
``PNYX_*`` environment variables, then these defaults. Keys are written
without the prefix: ``PNYX_DATABASE_URL`` becomes ``DATABASE_URL``.
"""

from __future__ import annotations

import math
import os
import secrets
import string
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

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
    # A city distribution (docs/distributions.md): its plugins and theme when PLUGINS and
    # THEME_PATH are not set.
    "DISTRIBUTION": None,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    # Server-side sessions (docs/accounts.md): ended after this idle time, and this long
    # after signing in whatever happens.
    "SESSION_IDLE_MINUTES": 120,
    "SESSION_MAX_HOURS": 24,
    "PAGE_SIZE": 20,
    # The largest request body (docs/security.md); views receiving a file declare their own
    # limit with api.upload_limit("<CONFIG_KEY>").
    "MAX_REQUEST_BYTES": 2 * 1024 * 1024,
    # Anonymous pages may be kept this long by proxies and browsers (docs/performance.md).
    "PUBLIC_CACHE_SECONDS": 60,
    # The app's own cache of those pages, per process, in megabytes; 0 turns it off
    # (docs/caching.md).
    "PAGE_CACHE_MB": 32,
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
    # The shared secret signing the mail provider's bounce reports (docs/notifications.md).
    "MAIL_WEBHOOK_SECRET": None,
    "REDIS_URL": None,
    # Background jobs (docs/jobs.md): inline, redis, or auto (redis when REDIS_URL is set).
    "JOBS": "auto",
    "JOBS_REDIS_URL": None,
    "JOBS_QUEUE": "pnyx",
    "JOBS_RETRY_INTERVALS": (10, 60, 300, 900, 3600),
    "JOBS_FAILURE_TTL": 30 * 24 * 3600,
    # Stored participation figures (docs/performance.md): recounted by a job when shown, once
    # something changed and they are older than the debounce, or in any case after the max age.
    "STATS_DEBOUNCE_SECONDS": 30,
    "STATS_MAX_AGE_SECONDS": 3600,
    "RATE_LIMIT_SIGN_IN": "10/minute;50/hour",
    "RATE_LIMIT_FORMS": "10/minute;50/hour",
    "RATE_LIMIT_MAILS": "5/hour",
    # Sign-in links: a link works one hour, so a burst by someone else always leaves the
    # owner a valid one in their mailbox (docs/accounts.md).
    "RATE_LIMIT_SIGN_IN_LINKS": "3/15 minutes",
    # The read-only API (docs/open-data.md), per client address.
    "API_RATE_LIMIT": "300/minute",
    # Verification (docs/verification.md): the key of census and identity hashes
    # (default: derived from SECRET_KEY), and the largest census file accepted.
    "VERIFICATION_SECRET": None,
    "CENSUS_IMPORT_MAX_BYTES": 50 * 1024 * 1024,
}


def instance_path(overrides: Mapping[str, Any]) -> Path:
    raw = overrides.get("INSTANCE_PATH") or os.environ.get("PNYX_INSTANCE_PATH") or "instance"
    return Path(raw).resolve()


#: Values read verbatim from the environment: a secret made only of digits stays a string.
STRING_KEYS = (
    "SECRET_KEY",
    "VERIFICATION_SECRET",
    "MAIL_SMTP_USERNAME",
    "MAIL_SMTP_PASSWORD",
    "PUBLIC_URL",
    "DATABASE_URL",
    "REDIS_URL",
    "PLUGINS",
    "DISTRIBUTION",
)
#: Production secrets carry at least this much randomness (32 random bytes).
MIN_SECRET_BITS = 256
#: Fewer distinct characters than this is a pattern (``"x" * 64``), not a random secret.
MIN_SECRET_DISTINCT = 12


def load_config(app: Flask, overrides: Mapping[str, Any] | None) -> None:
    """Fill ``app.config`` and check it; raise :class:`StartupError` on a bad setup."""
    overrides = dict(overrides or {})
    app.config.update(DEFAULTS)
    app.config.from_prefixed_env("PNYX", loads=_keep_strings)
    for key in STRING_KEYS:
        if f"PNYX_{key}" in os.environ:
            app.config[key] = os.environ[f"PNYX_{key}"]
    app.config.update(overrides)
    _check_secret_types(app)
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


GENERATE_SECRET = 'python -c "import secrets; print(secrets.token_hex(32))"'


def _check_secret_types(app: Flask) -> None:
    for key in ("SECRET_KEY", "VERIFICATION_SECRET"):
        value = app.config.get(key)
        if value is not None and not isinstance(value, str | bytes):
            raise StartupError(
                f"{key} must be a string, not {type(value).__name__}: set PNYX_{key} to a long "
                f"random value ({GENERATE_SECRET})."
            )


def secret_strength(secret: str | bytes) -> float:
    """An upper estimate of a secret's randomness in bits: its length times the log of the
    alphabet its character classes span; 0 for a repeated pattern."""
    text = secret.decode("latin-1") if isinstance(secret, bytes) else secret
    if len(set(text)) < MIN_SECRET_DISTINCT:
        return 0.0
    classes = (string.digits, string.ascii_lowercase, string.ascii_uppercase)
    alphabet = sum(len(chars) for chars in classes if any(c in chars for c in text))
    if any(not c.isascii() or not c.isalnum() for c in text):
        alphabet += 32
    return len(text) * math.log2(max(alphabet, 2))


def _check_production(app: Flask) -> None:
    if not app.config.get("SECRET_KEY"):
        raise StartupError(
            "PNYX_ENV=production needs a secret key: set PNYX_SECRET_KEY to a long random "
            f"value ({GENERATE_SECRET})."
        )
    for key in ("SECRET_KEY", "VERIFICATION_SECRET"):
        value = app.config.get(key)
        if value and secret_strength(value) < MIN_SECRET_BITS:
            raise StartupError(
                f"PNYX_{key} is too weak for production (it must hold at least 32 random "
                f"bytes): set it to a new random value ({GENERATE_SECRET})."
            )
    _check_public_url(app.config.get("PUBLIC_URL"))
    if (
        app.config["DATABASE_URL"].startswith("sqlite")
        and not app.config["ALLOW_SQLITE_IN_PRODUCTION"]
    ):
        raise StartupError(
            "PNYX_ENV=production runs on PostgreSQL: set PNYX_DATABASE_URL="
            "postgresql+psycopg://user@host/db, or PNYX_ALLOW_SQLITE_IN_PRODUCTION=true "
            "for a single-process instance."
        )


def _check_public_url(url: Any) -> None:
    """Links in e-mails never come from the request's Host header in production."""
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise StartupError(
            "PNYX_ENV=production needs PNYX_PUBLIC_URL, the site's address used in links sent "
            "by e-mail (e.g. https://participez.ville.fr): otherwise a forged Host header could "
            "point password-reset links at another site."
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
