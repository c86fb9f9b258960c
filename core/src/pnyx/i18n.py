"""Languages: interface strings (Flask-Babel) and translated content fields.

Every plugin ships its own catalogue (``<package>/translations/<locale>/
LC_MESSAGES/messages.po``); the core gives Flask-Babel each enabled plugin's
folder and its own, and chains their catalogues (:class:`ChainedDomain`). A
string missing from the reader's catalogues comes from the language's fallback
(:data:`FALLBACK_LOCALES`), else it stays the English msgid. Numbers and
amounts are formatted with :func:`format_number` and its siblings. See
docs/translations.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import flask_babel
from babel import dates, numbers, support
from flask import Flask, current_app, g, has_request_context, request
from flask_babel import Babel, Domain, get_locale
from markupsafe import Markup, escape
from werkzeug.utils import cached_property

from pnyx.organization import current_organization

CORE_TRANSLATIONS = Path(__file__).parent / "translations"
LOCALE_COOKIE = "pnyx_locale"
#: Where a language's missing strings come from before English: a Corsican
#: reader reads French far better than English, and the Corsican catalogue is partial.
FALLBACK_LOCALES: dict[str, str] = {"co": "fr"}
#: Languages whose CLDR data has no number formats of their own (Corsican has
#: only the root's "1,234.5"); Corsica writes numbers and amounts the French way.
NUMBER_LOCALES: dict[str, str] = {"co": "fr"}


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


class ChainedDomain(Domain):
    """Flask-Babel's message domain, with the catalogues chained instead of merged.

    Flask-Babel merges every folder's catalogue for a locale into one and keeps
    the plural rule of the last folder: a plugin whose French catalogue has two
    plural forms (gettext's ``n > 1``) loaded before one with three (CLDR's
    "many", which Babel now writes) would show its plurals in English. Chained,
    each catalogue answers with its own rule. See :func:`chained_translations`.
    """

    def get_translations(self) -> support.NullTranslations:
        locale = get_locale()
        if locale is None:  # outside an app context
            return support.NullTranslations()
        # Every ``_()`` of a page lands here: the last answer is kept on the request's Babel
        # context, for as long as its locale stays the same (``flask_babel.refresh`` changes it).
        context = g._flask_babel
        last = getattr(context, "pnyx_translations", None)
        if last is not None and last[0] is locale and last[1] is self:
            return last[2]
        key = (str(locale), self.domain[0])
        if key not in self.cache:
            chain = chained_translations(self.translation_directories, str(locale))
            self.cache[key] = RememberedTranslations(chain)
        context.pnyx_translations = (locale, self, self.cache[key])
        return self.cache[key]


class RememberedTranslations(support.NullTranslations):
    """A chain of catalogues whose answers to ``gettext`` are remembered per message.

    A string is looked up in the chain's catalogues one after the other
    (:func:`chained_translations`), many strings a page; catalogues do not change while a
    process runs, so each message is looked up once. Other calls (plurals, contexts) go to
    the chain, the fallback.
    """

    #: Messages remembered at most: interface strings are a few thousand.
    LIMIT = 20_000

    def __init__(self, chain: support.NullTranslations) -> None:
        super().__init__()
        self.add_fallback(chain)
        self.remembered: dict[str, str] = {}

    def gettext(self, message: str) -> str:
        text = self.remembered.get(message)
        if text is None:
            text = self._fallback.gettext(message)
            if len(self.remembered) < self.LIMIT:
                self.remembered[message] = text
        return text

    ugettext = gettext


def chained_translations(
    directories: Sequence[str], locale: str, seen: frozenset[str] = frozenset()
) -> support.NullTranslations:
    """Who answers a string for ``locale``: each folder's catalogue, the last folder first
    (:func:`init_i18n` puts the core's last), then the chain of the language's fallback
    (:data:`FALLBACK_LOCALES`); a string nobody translates stays the English msgid."""
    chain = support.NullTranslations()
    for directory in reversed(directories):
        catalogue = support.Translations.load(directory, [locale])
        if isinstance(catalogue, support.Translations):  # else: no catalogue in this folder
            chain.add_fallback(catalogue)
    fallback = FALLBACK_LOCALES.get(locale)
    if fallback and fallback not in seen:
        chain.add_fallback(chained_translations(directories, fallback, seen | {locale}))
    return chain


class PnyxBabel(Babel):
    """Flask-Babel with the core's :class:`ChainedDomain`."""

    @cached_property
    def domain_instance(self) -> Domain:
        return ChainedDomain(domain=self.domain)


def number_locale() -> str:
    """The locale whose conventions format numbers and amounts for the current reader."""
    locale = str(get_locale() or current_app.config["DEFAULT_LOCALE"])
    return NUMBER_LOCALES.get(locale, locale)


#: Babel separates digit groups and units with no-break spaces in most locales; a few CLDR
#: patterns still hold a plain space. An amount or a percentage must never break over two
#: lines ("350 000,00 €" cut after "350"), so the helpers below never return a plain space.
NO_BREAK_SPACE = "\u00a0"


def _unbreakable(text: str) -> str:
    return text.replace(" ", NO_BREAK_SPACE)


def format_number(number: float | Decimal) -> str:
    """A number for the reader: ``1 234,5`` in French, ``1,234.5`` in English."""
    return _unbreakable(numbers.format_decimal(number, locale=number_locale()))


def format_decimal(number: float | Decimal, format: str | None = None) -> str:
    """A number with a Babel pattern such as ``"0.0#"``, for the reader."""
    return _unbreakable(numbers.format_decimal(number, format=format, locale=number_locale()))


def format_currency(
    amount: float | Decimal, currency: str = "EUR", format: str | None = None, **options: Any
) -> str:
    """An amount for the reader: ``1 100 000,00 €`` in French, ``€1,100,000.00`` in English.

    ``options`` go to :func:`babel.numbers.format_currency` (``currency_digits``, ...).
    """
    return _unbreakable(
        numbers.format_currency(amount, currency, format=format, locale=number_locale(), **options)
    )


def format_percent(
    number: float | Decimal | Fraction, format: str | None = None, *, digits: int | None = None
) -> str:
    """A ratio (0.25) as a percentage for the reader: ``25 %`` in French, ``25%`` in English.

    ``digits`` keeps that many decimals of the percentage at most (``digits=1``: 0.3361 →
    ``33,6 %``, 0.5 → ``50 %``) with the locale's own pattern, which a ``format`` pattern
    would replace. A :class:`~fractions.Fraction` (a share of a budget) is accepted.
    """
    if isinstance(number, Fraction):
        number = Decimal(number.numerator) / Decimal(number.denominator)
    if digits is None:
        written = numbers.format_percent(number, format=format, locale=number_locale())
    else:
        step = Decimal(1).scaleb(-digits - 2)
        rounded = Decimal(str(number)).quantize(step, ROUND_HALF_UP).normalize()
        written = numbers.format_percent(
            rounded, format=format, locale=number_locale(), decimal_quantization=False
        )
    return _unbreakable(written)


#: The named date-and-time formats whose CLDR time has seconds (« 7 déc. 2026, 12:06:55 »):
#: a person reads minutes; machines get ``isoformat()`` (``<time datetime>``, exports).
MINUTE_FORMATS = frozenset({"medium", "long", "full"})


def format_datetime(
    moment: datetime | None = None, format: str | None = None, rebase: bool = True
) -> str:
    """Flask-Babel's ``format_datetime`` (the ``datetimeformat`` filter), with the time to
    the minute for the named formats: « 7 déc. 2026, 12:06 ». A Babel pattern (``"d MMM y
    HH:mm:ss"``) is used as written, for the rare place that needs seconds."""
    format = format or "medium"
    if format not in MINUTE_FORMATS:
        return flask_babel.format_datetime(moment, format, rebase)
    moment = moment or datetime.now().astimezone()
    day = flask_babel.format_date(moment, format, rebase)
    time = flask_babel.format_time(moment, "short", rebase)
    pattern = dates.get_datetime_format(format, locale=get_locale()).replace("'", "")
    return pattern.replace("{0}", time).replace("{1}", day)


def init_i18n(app: Flask, plugin_paths: Iterable[Path]) -> None:
    # The chain asks the last folder first: the core's, so that its own strings read its
    # own catalogue (plugins' do through pnyx.package_i18n and pnyx.template_i18n), then
    # the plugins', the last loaded first. A plugin's "Published" (« Publiées », surveys)
    # showed on the core's admin pages, its "To" (« Au », a date range) as the outbox's
    # recipient.
    folders = [str(p / "translations") for p in plugin_paths] + [str(CORE_TRANSLATIONS)]
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(folders)
    app.config.setdefault("BABEL_DEFAULT_LOCALE", app.config["DEFAULT_LOCALE"])
    PnyxBabel(app, locale_selector=select_locale, timezone_selector=select_timezone)
    app.jinja_env.filters["t"] = translated
    # ``{{ space.title|t_marked }}`` as an element's content, ``<div{{ body|t_lang }}>`` on
    # the element wrapping a rich text: WCAG 3.1.2, a fallback language is marked.
    app.jinja_env.filters.update(t_marked=translated_markup, t_lang=translated_lang_attribute)
    # Flask-Babel's number filters, with the number conventions of NUMBER_LOCALES, and its
    # date-and-time filter, to the minute.
    app.jinja_env.filters.update(
        datetimeformat=format_datetime,
        numberformat=format_number,
        decimalformat=format_decimal,
        currencyformat=format_currency,
        percentformat=format_percent,
    )


def translated(value: Mapping[str, Any] | str | None, locale: str | None = None) -> str:
    """A translated content field in the reader's locale, else the organization's default.

    Falls back to any non-empty translation rather than showing nothing.
    """
    return translated_with_language(value, locale)[0]


def translated_with_language(
    value: Mapping[str, Any] | str | None, locale: str | None = None
) -> tuple[str, str | None]:
    """:func:`translated`'s text and the language it is written in (``None``: unknown, a
    plain string, or nothing to show)."""
    if value is None:
        return "", None
    if isinstance(value, str):
        return value, None
    wanted = locale or _page_language()
    default, _available = organization_locales()
    for key in (wanted, default):
        if key and value.get(key):
            return str(value[key]), key
    return next(((str(text), str(key)) for key, text in value.items() if text), ("", None))


def _page_language() -> str | None:
    return str(get_locale()) if has_request_context() else None


def _foreign_language(language: str | None) -> str | None:
    """``language`` when it is not the page's own (``<html lang>``), else ``None``."""
    page = _page_language()
    return language if language and page and language != page else None


def translated_markup(value: Mapping[str, Any] | str | None) -> Markup:
    """:func:`translated` as escaped HTML, in ``<span lang="fr">`` when a fallback language
    is shown (a French title on a Corsican page), so that a screen reader reads it in French
    (WCAG 3.1.2). For an element's content only: ``|t`` stays for attributes and titles."""
    text, language = translated_with_language(value)
    foreign = _foreign_language(language)
    if foreign is None:
        return escape(text)
    return Markup('<span lang="{}">{}</span>').format(foreign, text)


def translated_lang_attribute(value: Mapping[str, Any] | str | None) -> Markup:
    """`` lang="fr"`` for the element wrapping a rich text shown in a fallback language,
    else nothing: ``<div class="rich-text"{{ body|t_lang }}>{{ body|rich_text }}</div>``."""
    foreign = _foreign_language(translated_with_language(value)[1])
    return Markup(' lang="{}"').format(foreign) if foreign else Markup("")
