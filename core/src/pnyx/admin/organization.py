"""Organization settings: name, languages, time zone, logo and colour."""

from __future__ import annotations

import functools
import re
import zoneinfo
from typing import Any

from flask import current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, fields, validate, validates_schema
from werkzeug.wrappers import Response

from pnyx.admin import blueprint
from pnyx.admin.editing import log_admin, render_form
from pnyx.admin.logo import LogoError, read_logo, remove_logo_file, store_logo
from pnyx.core_hooks import ADMIN
from pnyx.db import get_session
from pnyx.forms import Form, TranslatedText
from pnyx.i18n import format_decimal
from pnyx.models import Organization
from pnyx.navigation import admin_link
from pnyx.organization import current_organization
from pnyx.templating import locale_name
from pnyx.web.branding import DEFAULT_PRIMARY_COLOR
from pnyx.web.guards import requires

admin_link(lambda: _("Organization"), "pnyx_admin.organization")

#: WCAG 2.1 AA: normal text needs a contrast ratio of at least 4.5 to 1.
MINIMUM_CONTRAST = 4.5
SHORT_HEX = re.compile(r"^#?([0-9a-f])([0-9a-f])([0-9a-f])$")
LONG_HEX = re.compile(r"^#?[0-9a-f]{6}$")
#: The light grey of cards and notices (``--surface`` in pnyx.css), where links appear too.
LIGHT_SURFACE = "#f3f5f8"


@functools.cache
def time_zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def check_time_zone(value: str) -> None:
    if value not in time_zone_names():
        raise ValidationError(_("Enter a time zone name such as Europe/Paris."))


def relative_luminance(color: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio between two ``#rrggbb`` colours (1 to 21)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def lowest_contrast(color: str) -> float:
    """The colour's worst contrast where the layout uses it: behind white text (header,
    buttons), and as the colour of links on white and on the light grey of cards."""
    return min(contrast_ratio(color, background) for background in ("#ffffff", LIGHT_SURFACE))


class HexColor(fields.String):
    """A colour written ``#1d4e89`` (also accepted: ``1D4E89``, ``#abc``)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = str(super()._deserialize(value, attr, data, **kwargs)).strip().lower()
        short = SHORT_HEX.match(text)
        if short:
            text = "#" + "".join(digit * 2 for digit in short.groups())
        if not LONG_HEX.match(text):
            raise ValidationError(
                _("Enter a colour as # and six hexadecimal digits, like #1d4e89.")
            )
        return text if text.startswith("#") else f"#{text}"


def check_contrast(color: str) -> None:
    ratio = lowest_contrast(color)
    if ratio < MINIMUM_CONTRAST:
        raise ValidationError(
            _(
                "%(color)s is too light: white text on it, and links in it on a light "
                "background, have a contrast ratio of %(ratio)s to 1, and WCAG AA asks for at "
                "least %(minimum)s to 1 so that everyone can read them. Choose a darker colour.",
                color=color,
                ratio=format_decimal(ratio, "0.0#"),
                minimum=format_decimal(MINIMUM_CONTRAST, "0.0#"),
            )
        )


class OrganizationSchemaBase(Schema):
    """Checks across fields; the fields themselves depend on the configured languages."""

    @validates_schema
    def default_is_available(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("default_locale") not in data.get("available_locales", []):
            raise ValidationError(
                _("The main language must be one of the languages of the site."),
                field_name="default_locale",
            )


def organization_schema() -> Schema:
    """The settings form's schema, with the languages this instance offers."""
    locales = list(current_app.config["LOCALES"])
    language = validate.OneOf(locales, labels=[locale_name(code) for code in locales])
    schema_class = OrganizationSchemaBase.from_dict(
        {
            "name": TranslatedText(
                required=True, max_length=200, metadata={"label": _l("Name of the organization")}
            ),
            "available_locales": fields.List(
                fields.String(validate=language),
                validate=validate.Length(min=1),
                metadata={
                    "label": _l("Languages of the site"),
                    "description": _l("Content can be written in each of these languages."),
                },
            ),
            "default_locale": fields.String(
                required=True,
                validate=language,
                metadata={
                    "label": _l("Main language"),
                    "description": _l(
                        "Texts must be written in this language; readers whose language is "
                        "missing see it."
                    ),
                },
            ),
            "time_zone": fields.String(
                required=True,
                validate=check_time_zone,
                metadata={
                    "label": _l("Time zone"),
                    "description": _l("A name from the IANA list, such as Europe/Paris."),
                },
            ),
            "primary_color": HexColor(
                required=True,
                validate=check_contrast,
                metadata={
                    "label": _l("Main colour"),
                    "description": _l(
                        "A hexadecimal colour such as #1d4e89, used for the header, links and "
                        "buttons, with white text on it."
                    ),
                },
            ),
            "terms": TranslatedText(
                multiline=True,
                max_length=20_000,
                metadata={
                    "label": _l("Terms of use"),
                    "description": _l(
                        "Shown at /terms and linked from the sign-up form, where people accept "
                        "them. Separate paragraphs with an empty line."
                    ),
                },
            ),
        },
        name="OrganizationSettings",
    )
    return schema_class()


def organization_values(organization: Organization | None) -> dict[str, Any]:
    if organization is None:
        config = current_app.config
        return {
            "name": {},
            "available_locales": list(config["LOCALES"]),
            "default_locale": config["DEFAULT_LOCALE"],
            "time_zone": config["TIME_ZONE"],
            "primary_color": DEFAULT_PRIMARY_COLOR,
            "terms": {},
        }
    return {
        "name": organization.name,
        "available_locales": list(organization.available_locales),
        "default_locale": organization.default_locale,
        "time_zone": organization.time_zone,
        "primary_color": organization.primary_color,
        "terms": organization.terms or {},
    }


def settings_form(organization: Organization | None) -> Form:
    """The form; on a submission, the main language required is the one chosen in it."""
    chosen = request.form.get("default_locale", "")
    default = chosen if chosen in current_app.config["LOCALES"] else None
    return Form(organization_schema(), organization_values(organization), default_locale=default)


@blueprint.route("/organization", methods=["GET", "POST"])
@requires(ADMIN)
def organization() -> tuple[str, int] | Response:
    current = current_organization()
    form = settings_form(current)
    logo_error = None
    if request.method == "POST":
        valid = form.validate(request.form)
        logo: tuple[bytes, str] | None = None
        upload = request.files.get("logo")
        if upload is not None and upload.filename:
            try:
                logo = read_logo(upload)
            except LogoError as error:
                logo_error = str(error)
        if valid and logo_error is None:
            return save_organization(current, form.data, logo, "remove_logo" in request.form)
    return render_form(
        "pnyx/admin/organization.html",
        form,
        organization=current,
        logo_error=logo_error,
        failed=logo_error is not None,
    )


def save_organization(
    organization: Organization | None,
    data: dict[str, Any],
    logo: tuple[bytes, str] | None,
    remove_logo: bool,
) -> Response:
    session = get_session()
    if organization is None:
        organization = Organization(name={})
        session.add(organization)
    old_logo = organization.logo
    changed = sorted(key for key, value in data.items() if getattr(organization, key) != value)
    for key, value in data.items():
        setattr(organization, key, value)
    if logo is not None:
        organization.logo = store_logo(*logo)
    elif remove_logo:
        organization.logo = None
    if organization.logo != old_logo:
        changed.append("logo")
    session.flush()
    log_admin(
        session,
        "pnyx.organization.update",
        ("organization", organization.id),
        extra={"changed": changed},
    )
    session.commit()
    if old_logo and old_logo != organization.logo:
        remove_logo_file(old_logo)
    flash(_("The organization's settings are saved."), "success")
    return redirect(url_for("pnyx_admin.organization"))
