"""The language a resident wrote a text in, so that pages mark it (WCAG 3.1.2).

Content that staff write is translatable (``{locale: text}``) and marked by ``|t_marked`` and
``|t_lang`` when a fallback language shows. What residents write — a proposal, a comment, a
mutual-aid post — is one text in one language, and on a bilingual instance (Corsica: French and
Corsican) that language is often not the page's: a screen reader then reads Corsican with
French sounds. So such texts keep the language they were written in, chosen on the form among
the organization's languages (the page's language by default, as Mastodon and Wikipedia do),
and pages wrap them in ``lang`` when it differs from the page's.

In a plugin::

    language: Mapped[str] = api.written_language_column()          # the model
    language, error = api.read_written_language(request.form)      # the view
    {{ written_language_field(data.language, errors.get("language")) }}   {# the form #}
    <h1>{{ proposal.title|in_language(proposal.language) }}</h1>     {# content #}
    <div class="rich-text"{{ proposal.language|lang_attribute }}>…</div>   {# wrapper #}

An empty language (texts written before this existed, imports that do not say) marks nothing:
the text is then taken to be in the page's language, as before.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from flask import has_request_context
from flask_babel import get_locale
from markupsafe import Markup, escape
from sqlalchemy import String, func, inspect, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from pnyx.i18n import organization_locales
from pnyx.models import Model
from pnyx.package_i18n import gettext as _

FIELD = "language"
"""The form field's name (``<select name="language">``)."""


#: A language tag's common shapes (BCP 47: ``co``, ``pt-BR``, ``zh-Hant``).
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


#: ``Column.info`` key of the columns :func:`written_language_column` makes.
WRITTEN_LANGUAGE = "pnyx_written_language"


def written_language_column() -> Mapped[str]:
    """A model column for the language of a resident's text (a locale code, '' if unknown)."""
    return mapped_column(String(16), default="", server_default="", info={WRITTEN_LANGUAGE: True})


def texts_without_language(session: Session) -> dict[str, int]:
    """How many texts of each table have no language (``{"proposals_proposals": 3}``): what
    a seed must not leave, and what :func:`give_seeded_texts_a_language` fills."""
    existing = set(inspect(session.connection()).get_table_names())
    found: dict[str, int] = {}
    for table in Model.metadata.sorted_tables:
        for column in table.columns:
            if column.info.get(WRITTEN_LANGUAGE) and table.name in existing:
                count = session.scalar(select(func.count()).where(column == ""))
                found.update({table.name: count} if count else {})
    return found


def give_seeded_texts_a_language(session: Session, language: str) -> None:
    """Put ``language`` on the texts a demo seed wrote without one (called once the seed ran).

    Seeds write in the organization's default language unless they say otherwise (Smart
    Isula's Corsican proposals do): left empty, their French showed unmarked on the English
    pages of Angers or Touraine. Texts of a real instance stay as they are (docs/decisions.md).
    """
    existing = set(inspect(session.connection()).get_table_names())
    for table in Model.metadata.sorted_tables:
        for column in table.columns:
            if column.info.get(WRITTEN_LANGUAGE) and table.name in existing:
                session.execute(update(table).where(column == "").values({column.name: language}))


def offered_languages(current: str | None = None) -> list[str]:
    """The languages a resident may say a text is in: the organization's, and ``current`` —
    the edited text's own language — even when the organization no longer offers it (a
    Corsican text edited after Corsican was withdrawn stays Corsican, unless its author
    chooses another)."""
    offered = organization_locales()[1]
    if current and current not in offered and _LANGUAGE_TAG.match(current):
        return [*offered, current]
    return offered


def default_written_language() -> str:
    """The page's language if the organization offers it, else the organization's default."""
    default, offered = organization_locales()
    page = str(get_locale()) if has_request_context() else None
    return page if page in offered else default


def read_written_language(
    form: Mapping[str, Any], current: str | None = None
) -> tuple[str, str | None]:
    """The language chosen on a posted form and an error message, or ``None``.

    No choice (a single-language organization shows no field) keeps ``current`` — the text's
    language when it is edited — else takes :func:`default_written_language`. A value the
    organization does not offer is refused with a message; the default is returned with it so
    that the form can be drawn again.
    """
    chosen = str(form.get(FIELD) or "").strip()
    offered = offered_languages(current)
    fallback = current if current in offered else default_written_language()
    if not chosen:
        return fallback, None
    if chosen not in offered:
        return fallback, _("Choose the language of your text from the list.")
    return chosen, None


def foreign_language(language: str | None) -> str | None:
    """``language`` when it is set and not the page's (``<html lang>``), else ``None``.

    Forms store only offered languages, but a stored value that is no language tag (a row
    written by hand, a future import that does not check) marks nothing: an invalid ``lang``
    is worse than none for a screen reader (axe's ``valid-lang``)."""
    if not language or not has_request_context() or not _LANGUAGE_TAG.match(language):
        return None
    return language if language != str(get_locale()) else None


def lang_attribute(language: str | None) -> Markup:
    """`` lang="co"`` for an element holding a text written in another language than the
    page's, else nothing: ``<div class="rich-text"{{ comment.language|lang_attribute }}>``."""
    foreign = foreign_language(language)
    return Markup(' lang="{}"').format(foreign) if foreign else Markup("")


def in_language(text: Any, language: str | None) -> Markup:
    """``text`` escaped, in ``<span lang="co">`` when it is written in another language than
    the page's (for an element's content; attributes and ``<title>`` take the plain text)."""
    foreign = foreign_language(language)
    if foreign is None:
        return escape(text)
    return Markup('<span lang="{}">{}</span>').format(foreign, text)


def init_written_language(app: Any) -> None:
    """The template filters and the form field's helpers (called by ``create_app``)."""
    app.jinja_env.filters.update(in_language=in_language, lang_attribute=lang_attribute)
    app.jinja_env.globals.update(
        offered_languages=offered_languages, default_written_language=default_written_language
    )
