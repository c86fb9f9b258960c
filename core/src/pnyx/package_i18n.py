"""Each package's strings read its own catalogue first, in Python code as in its templates.

Every package's catalogue is chained into one (:func:`pnyx.i18n.chained_translations`), so
when two plugins translate an English string differently only one translation used to show,
on both plugins' pages: the proposals' flash message "Thank you: the moderators will look at
your report." read mutual aid's « les modérateurs », a post's "Open" a comment's « Ouvert ».
``api._``, ``api._l``, ``api.ngettext`` and ``api.lazy_ngettext`` are this module's functions:
they ask the catalogue of the package whose code calls them (the top-level package of the
calling module, ``pnyx_proposals`` for ``pnyx_proposals.views.reporting``), then the whole
chain. Templates do the same by their folder (:mod:`pnyx.template_i18n`).

Finding the caller costs one ``sys._getframe`` at the call (a lazy string finds it once, when
it is made: form labels at import time); the package's translations are remembered per locale
on the application context and in the domain's cache, like the chain's.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from babel import support
from flask import Flask, current_app, g, has_app_context
from flask_babel import LazyString, get_domain, get_locale, get_translations

from pnyx.i18n import RememberedTranslations, chained_translations

EXTENSION_KEY = "pnyx.package_catalogues"


def package_catalogues(plugin_paths: Iterable[Path]) -> dict[str, str]:
    """Top-level package name (``pnyx_proposals``) -> its translations folder."""
    return {package.name: str(package / "translations") for package in plugin_paths}


def translations_of(directory: str | None) -> support.NullTranslations:
    """Who answers a string of the package whose catalogues are in ``directory``: its
    catalogue, then the chain (the chain alone when ``directory`` is ``None``)."""
    locale = get_locale()
    if directory is None or locale is None:
        return get_translations()
    # Every string of a page lands here: this request's answers, for as long as its locale
    # is the same object (``force_locale`` sets another one, and puts the first one back).
    context = g._flask_babel  # flask_babel's state, made by get_locale()
    remembered = getattr(context, "pnyx_own_translations", None)
    if remembered is None or remembered[0] is not locale:
        remembered = context.pnyx_own_translations = (locale, {})
    found = remembered[1].get(directory)
    if found is None:
        found = remembered[1][directory] = _own_first(directory, str(locale))
    return found


def _own_first(directory: str, locale: str) -> support.NullTranslations:
    domain = get_domain()
    key = (locale, directory)
    found = domain.cache.get(key)
    if found is None:
        chain = support.NullTranslations()
        own = support.Translations.load(directory, [locale])
        if isinstance(own, support.Translations):  # else: no catalogue for this locale
            chain.add_fallback(own)
        chain.add_fallback(chained_translations(domain.translation_directories, locale))
        found = domain.cache[key] = RememberedTranslations(chain)
    return found


def _calling_package(depth: int) -> str:
    """The top-level package of the module ``depth`` frames up (``pnyx_meetings``)."""
    module = sys._getframe(depth + 1).f_globals.get("__name__") or ""
    return module.partition(".")[0]


def package_translations(package: str) -> support.NullTranslations:
    """The translations a string of ``package`` is read with (the chain for the core, an
    unknown package, or outside an application)."""
    if not has_app_context():
        return get_translations()
    catalogues = current_app.extensions.get(EXTENSION_KEY)
    return translations_of(catalogues.get(package) if catalogues else None)


def _text(package: str, string: str, /, **variables: Any) -> str:
    text = package_translations(package).ugettext(string)
    return text % variables if variables else text


def _plural_text(package: str, singular: str, plural: str, num: int, /, **variables: Any) -> str:
    variables.setdefault("num", num)
    return package_translations(package).ungettext(singular, plural, num) % variables


def gettext(string: str, /, **variables: Any) -> str:
    """``api._("The phase %(title)s is saved.", title=…)``: ``string`` in the reader's
    language, from the calling package's catalogue first, ``variables`` filled in."""
    return _text(_calling_package(1), string, **variables)


def lazy_gettext(string: str, /, **variables: Any) -> LazyString:
    """``api._l``: :func:`gettext` when the string is used (a form label made at import
    time reads each request's language), still from the package that made it."""
    return LazyString(_text, _calling_package(1), string, **variables)


def ngettext(singular: str, plural: str, num: int, /, **variables: Any) -> str:
    """``api.ngettext("%(num)d line", "%(num)d lines", count)``: the form for ``num`` (also
    filled in as ``num``), from the calling package's catalogue first."""
    return _plural_text(_calling_package(1), singular, plural, num, **variables)


def lazy_ngettext(singular: str, plural: str, num: int, /, **variables: Any) -> LazyString:
    """``api.lazy_ngettext``: :func:`ngettext` when the string is used."""
    return LazyString(_plural_text, _calling_package(1), singular, plural, num, **variables)


def init_package_i18n(app: Flask, plugin_paths: Iterable[Path]) -> None:
    """Remember which package's catalogue is where (after :func:`pnyx.i18n.init_i18n`)."""
    app.extensions[EXTENSION_KEY] = package_catalogues(plugin_paths)
