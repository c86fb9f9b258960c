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
from flask import Flask, current_app, g
from flask_babel import LazyString, get_domain, get_locale, get_translations

from pnyx.i18n import RememberedTranslations, chained_translations

EXTENSION_KEY = "pnyx.package_catalogues"


def package_catalogues(plugin_paths: Iterable[Path]) -> dict[str, str]:
    """Top-level package name (``pnyx_proposals``) -> its translations folder."""
    return {package.name: str(package / "translations") for package in plugin_paths}


def translations_for(catalogues: str, name: str) -> support.NullTranslations:
    """Who answers a string of ``name``: the package whose translations folder
    ``app.extensions[catalogues]`` gives for ``name`` (a package name here, a template folder
    in :mod:`pnyx.template_i18n`), then the chain; the chain alone for a name it does not
    know (the core, a test module), the English msgids outside an application."""
    # Every string of a page lands here: the answers are remembered on the request's Babel
    # state for as long as its locale is the same object (``force_locale`` sets another one,
    # and puts the first one back). The fast path reads ``g`` once: each read through
    # Flask's proxy costs as much as the rest of the lookup.
    try:
        state = g._get_current_object()
    except RuntimeError:  # outside an application context
        return support.NullTranslations()
    babel = getattr(state, "_flask_babel", None)
    locale = getattr(babel, "babel_locale", None)
    if locale is None:
        locale = get_locale()
        babel = state._flask_babel
    remembered = getattr(babel, "pnyx_own_translations", None)
    if remembered is None or remembered[0] is not locale:
        remembered = babel.pnyx_own_translations = (locale, {})
    by_name = remembered[1].setdefault(catalogues, {})
    found = by_name.get(name)
    if found is None:
        directory = current_app.extensions.get(catalogues, {}).get(name)
        if directory is None or locale is None:
            found = get_translations()
        else:
            found = _own_first(directory, str(locale))
        by_name[name] = found
    return found


def _own_first(directory: str, locale: str) -> support.NullTranslations:
    """A package's catalogue, then the chain, shared by every request of the app."""
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


def _text(package: str, string: str, /, **variables: Any) -> str:
    text = translations_for(EXTENSION_KEY, package).ugettext(string)
    return text % variables if variables else text


def _plural_text(package: str, singular: str, plural: str, num: int, /, **variables: Any) -> str:
    variables.setdefault("num", num)
    translations = translations_for(EXTENSION_KEY, package)
    return translations.ungettext(singular, plural, num) % variables


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
