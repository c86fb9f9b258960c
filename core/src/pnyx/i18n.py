"""Languages: interface strings (Flask-Babel) and translated content fields.

Every plugin ships its own catalogue (``<package>/translations/<locale>/
LC_MESSAGES/messages.po``); the core merges them at start-up by giving
Flask-Babel each enabled plugin's folder after its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from flask import Flask, current_app, g, has_request_context, request
from flask_babel import Babel, get_locale

from pnyx.organization import current_organization

CORE_TRANSLATIONS = Path(__file__).parent / "translations"
LOCALE_COOKIE = "pnyx_locale"


def organization_locales() -> tuple[str, list[str]]:
    """The organization's default locale and its available locales."""
    organization = current_organization()
    if organization is None:
        return current_app.config["DEFAULT_LOCALE"], list(current_app.config["LOCALES"])
    return organization.default_locale, list(organization.available_locales)


def select_locale() -> str:
    """Person's preference, then the switcher's cookie, then Accept-Language, then default."""
    default, available = organization_locales()
    if not has_request_context():
        return default
    user = g.get("user")
    candidates = [getattr(user, "locale", None), request.cookies.get(LOCALE_COOKIE)]
    for candidate in candidates:
        if candidate in available:
            return candidate
    return request.accept_languages.best_match(available) or default


def select_timezone() -> str:
    """Dates and times are shown in the organization's time zone."""
    organization = current_organization()
    return organization.time_zone if organization else current_app.config["TIME_ZONE"]


def init_i18n(app: Flask, plugin_paths: Iterable[Path]) -> None:
    folders = [str(CORE_TRANSLATIONS)] + [str(p / "translations") for p in plugin_paths]
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(folders)
    app.config.setdefault("BABEL_DEFAULT_LOCALE", app.config["DEFAULT_LOCALE"])
    Babel(app, locale_selector=select_locale, timezone_selector=select_timezone)
    app.jinja_env.filters["t"] = translated


def translated(value: Mapping[str, Any] | str | None, locale: str | None = None) -> str:
    """A translated content field in the reader's locale, else the organization's default.

    Falls back to any non-empty translation rather than showing nothing.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    wanted = locale or (str(get_locale()) if has_request_context() else None)
    default, _available = organization_locales()
    for key in (wanted, default):
        if key and value.get(key):
            return str(value[key])
    return next((str(text) for text in value.values() if text), "")
