"""A plugin's templates read its own catalogue first.

Every package's catalogue is chained into one (:func:`pnyx.i18n.chained_translations`, the
last enabled plugin first), so a short English string two plugins translate differently
showed the same translation everywhere: on Angers, the survey results' column "Answer" read
« Répondre » (mutual aid's verb), a proposal's report form « Pourquoi le signalez-vous ? »
(comments' masculine). A template under ``templates/<folder>/`` of a plugin now asks that
plugin's catalogue first, then the whole chain as before; core templates keep the chain.
Strings translated in a plugin's Python code do the same (:mod:`pnyx.package_i18n`), and
answers are remembered per catalogue like the chain's.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from babel import support
from flask import Flask
from jinja2 import pass_context
from jinja2.runtime import Context

from pnyx.package_i18n import translations_for

EXTENSION_KEY = "pnyx.template_catalogues"


def template_catalogues(plugin_paths: Iterable[Path]) -> dict[str, str]:
    """Template folder (``comments``) -> the translations folder of the plugin that has it."""
    found: dict[str, str] = {}
    for package in plugin_paths:
        templates = package / "templates"
        if templates.is_dir():
            for folder in templates.iterdir():
                if folder.is_dir():
                    found.setdefault(folder.name, str(package / "translations"))
    return found


def own_translations(template_name: str | None) -> support.NullTranslations:
    """Who answers a string of ``template_name``: its plugin's catalogue, then the chain."""
    return translations_for(EXTENSION_KEY, (template_name or "").partition("/")[0])


@pass_context
def _gettext(context: Context, string: str) -> str:
    return own_translations(context.name).ugettext(string)


@pass_context
def _ngettext(context: Context, singular: str, plural: str, number: int) -> str:
    return own_translations(context.name).ungettext(singular, plural, number)


@pass_context
def _pgettext(context: Context, message_context: str, string: str) -> str:
    return own_translations(context.name).upgettext(message_context, string)


@pass_context
def _npgettext(
    context: Context, message_context: str, singular: str, plural: str, number: int
) -> str:
    return own_translations(context.name).unpgettext(message_context, singular, plural, number)


def init_template_i18n(app: Flask, plugin_paths: Iterable[Path]) -> None:
    """Install the template callables (after Flask-Babel installed its own)."""
    app.extensions[EXTENSION_KEY] = template_catalogues(plugin_paths)
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=_gettext,
        ngettext=_ngettext,
        newstyle=True,
        pgettext=_pgettext,
        npgettext=_npgettext,
    )
