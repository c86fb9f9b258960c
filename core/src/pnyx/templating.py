"""Template helpers about the organization, languages and dates."""

from __future__ import annotations

import functools
from collections.abc import MutableMapping
from typing import Any

from babel import Locale, UnknownLocaleError
from flask import Flask, current_app
from flask.templating import Environment
from flask_babel import format_date, get_locale
from flask_babel import gettext as _

from pnyx.i18n import organization_locales, translated
from pnyx.models import Step
from pnyx.organization import current_organization
from pnyx.richtext import rich_text_excerpt, rich_translated


class PnyxEnvironment(Environment):
    """Flask's Jinja environment, whose templates share its globals instead of a chain of them.

    Jinja gives each template a ``ChainMap(template globals, environment globals)`` and copies
    it into a new dict at every render, include and import: about 70 globals read one by one
    through ``ChainMap.__contains__``, several times per page (``dict(ChainMap)`` was the
    most called function of the cheapest page's profile). Pnyx never gives a template globals
    of its own (``get_template(name, globals=...)``), so its templates use the environment's
    dict itself, which a render copies at C speed; globals added later still show, as before.
    """

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        if not d:
            return self.globals
        return super().make_globals(d)


def organization_name() -> str:
    organization = current_organization()
    if organization is None:
        return current_app.config.get("ORGANIZATION_NAME", "Pnyx")
    return translated(organization.name) or "Pnyx"


def available_locales() -> list[str]:
    return organization_locales()[1]


@functools.cache  # a handful of codes; CLDR's names do not change while a process runs
def locale_name(code: str) -> str:
    """A language's name in that language ("français", "corsu"), for the switcher."""
    try:
        return Locale.parse(code).get_display_name(code).capitalize()
    except (ValueError, TypeError, UnknownLocaleError):  # a tag Babel has no data for
        return code


def format_step_dates(step: Step) -> str:
    """A phase's dates in the reader's language: "du 2 mars 2026 au 30 avril 2026"."""
    start = format_date(step.start_date, "long") if step.start_date else ""
    end = format_date(step.end_date, "long") if step.end_date else ""
    if start and end:
        return _("%(start)s – %(end)s", start=start, end=end)
    if start:
        return _("from %(date)s", date=start)
    return _("until %(date)s", date=end) if end else ""


def init_templating(app: Flask) -> None:
    app.jinja_env.globals.update(
        organization_name=organization_name,
        available_locales=available_locales,
        locale_name=locale_name,
        format_step_dates=format_step_dates,
        get_locale=get_locale,
    )
    # ``{{ space.description|rich_text(top=2, ugc=False) }}`` for a translated field or a
    # plain string; ``|rich_excerpt(160)`` for a card (docs/rich-text.md).
    app.jinja_env.filters.update(rich_text=rich_translated, rich_excerpt=rich_text_excerpt)
