"""Reading and checking a proposal form, server-side, with an error per field.

``read_form`` never raises: it returns what was typed (to show it again) and
the errors, keyed by field name, so the template puts each error next to its
field (``aria-invalid`` and ``aria-describedby``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
from werkzeug.datastructures import MultiDict

from pnyx import api
from pnyx_proposals.taxonomy import ComponentTerms


@attrs.define
class ProposalData:
    """A proposal form's values, cleaned."""

    title: str = ""
    body: str = ""
    territory_id: int | None = None
    theme_ids: list[int] = attrs.field(factory=list)
    address: str = ""
    #: On behalf of this organization (``api.groups``); ``None``: as oneself.
    user_group_id: int | None = None
    #: The language it is written in (``api.read_written_language``); '' if unknown.
    language: str = ""

    @classmethod
    def of(cls, proposal: Any) -> ProposalData:
        """The values of an existing proposal, to fill its edit form."""
        return cls(
            title=proposal.title,
            body=proposal.body,
            territory_id=proposal.territory_id,
            theme_ids=[theme.id for theme in proposal.themes],
            address=proposal.address,
            user_group_id=proposal.user_group_id,
            language=proposal.language,
        )


def clean_text(value: str) -> str:
    # Browsers send line breaks as CRLF but count them as one character.
    return value.replace("\r\n", "\n").replace("\x00", "").strip()


def read_form(
    form: MultiDict[str, str],
    settings: api.ResolvedSettings,
    terms: ComponentTerms,
    current_language: str | None = None,
) -> tuple[ProposalData, dict[str, str]]:
    """The cleaned values of a posted proposal form and the errors by field.

    ``current_language``: the edited proposal's, kept when the form has no language field.
    """
    language, language_error = api.read_written_language(form, current=current_language)
    data = ProposalData(
        title=" ".join(clean_text(form.get("title", "")).split()),
        body=clean_text(form.get("body", "")),
        territory_id=_id(form.get("territory")),
        theme_ids=[i for i in (_id(v) for v in form.getlist("themes")) if i is not None],
        address=" ".join(form.get("address", "").split())[:300],
        user_group_id=_id(form.get("user_group")),
        language=language,
    )
    errors: dict[str, str] = {}
    if language_error:
        errors["language"] = language_error
    _check_title(data.title, settings, errors)
    _check_body(data.body, settings, errors)
    _check_terms(data, settings, terms, errors)
    if len(data.address) > 255:
        errors["address"] = api._("An address has at most 255 characters.")
    if not settings.get("address_enabled"):
        data.address = ""
    return data, errors


def _id(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _check_title(title: str, settings: Mapping[str, Any] | Any, errors: dict[str, str]) -> None:
    longest = settings.get("title_max_length")
    if len(title) < 5:
        errors["title"] = api._("Give your proposal a title of at least 5 characters.")
    elif len(title) > longest:
        errors["title"] = api.ngettext(
            "A title has at most %(num)d character; yours has %(length)d.",
            "A title has at most %(num)d characters; yours has %(length)d.",
            longest,
            length=len(title),
        )


def _check_body(body: str, settings: Any, errors: dict[str, str]) -> None:
    shortest, longest = settings.get("body_min_length"), settings.get("body_max_length")
    if not body or len(body) < shortest:
        errors["body"] = api.ngettext(
            "Describe your proposal in at least %(num)d character.",
            "Describe your proposal in at least %(num)d characters.",
            max(shortest, 1),
        )
    elif len(body) > longest:
        errors["body"] = api.ngettext(
            "A proposal has at most %(num)d character; yours has %(length)d.",
            "A proposal has at most %(num)d characters; yours has %(length)d.",
            longest,
            length=len(body),
        )


def _check_terms(
    data: ProposalData, settings: Any, terms: ComponentTerms, errors: dict[str, str]
) -> None:
    if data.territory_id is None:
        if settings.get("territory_required") and terms.territories:
            errors["territory"] = api._("Choose the territory your proposal concerns.")
    elif data.territory_id not in terms.territory_ids():
        errors["territory"] = api._("Choose a territory from the list.")
    allowed = terms.theme_ids()
    if any(theme not in allowed for theme in data.theme_ids):
        errors["themes"] = api._("Choose themes from the list.")
    data.theme_ids = list(dict.fromkeys(t for t in data.theme_ids if t in allowed))
