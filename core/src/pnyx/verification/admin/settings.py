"""``/admin/verifications/settings``: how long verifications last, and whether a
declared residence needs a staff confirmation."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from pnyx.action_log import log_action
from pnyx.core_hooks import ADMIN
from pnyx.db import get_session
from pnyx.inputs import as_int
from pnyx.verification.blueprints import admin
from pnyx.verification.handlers import residence
from pnyx.verification.org_settings import handler_options, save_handler_options
from pnyx.verification.requirements import handlers
from pnyx.web.guards import requires

#: Ten years: a longer validity is a typing mistake.
MAX_VALIDITY_DAYS = 3650


def stored_values() -> dict[str, str]:
    values = {}
    for name in handlers():
        days = handler_options(name).get("validity_days")
        values[f"validity.{name}"] = str(days) if days else ""
    confirm = handler_options(residence.NAME).get("confirmation_required")
    values["confirmation_required"] = "on" if confirm else ""
    return values


def render_settings(
    values: dict[str, str], errors: dict[str, str], status: int = 200
) -> tuple[str, int]:
    page = render_template(
        "pnyx/verification/admin/settings.html",
        handlers=handlers(),
        values=values,
        errors=errors,
    )
    return page, status


@admin.route("/verifications/settings")
@requires(ADMIN)
def settings() -> tuple[str, int]:
    return render_settings(stored_values(), {})


def read_validity(values: dict[str, str]) -> tuple[dict[str, int | None], dict[str, str]]:
    chosen, errors = {}, {}
    for name in handlers():
        text = values.get(f"validity.{name}", "").strip()
        if not text:
            chosen[name] = None
        elif as_int(text, maximum=MAX_VALIDITY_DAYS) is not None:
            chosen[name] = as_int(text, maximum=MAX_VALIDITY_DAYS)
        else:
            errors[f"validity.{name}"] = _(
                "Enter a number of days between 1 and %(maximum)s, or leave it empty.",
                maximum=MAX_VALIDITY_DAYS,
            )
    return chosen, errors


@admin.route("/verifications/settings", methods=["POST"])
@requires(ADMIN)
def settings_save() -> Response | tuple[str, int]:
    values = {key: request.form.get(key, "") for key in stored_values()}
    chosen, errors = read_validity(values)
    if errors:
        return render_settings(values, errors, 400)
    session = get_session()
    for name, days in chosen.items():
        save_handler_options(session, name, {"validity_days": days})
    confirm = "confirmation_required" in request.form
    save_handler_options(session, residence.NAME, {"confirmation_required": confirm})
    log_action(
        session,
        "pnyx.verification.settings_changed",
        visibility="admin",
        extra={"validity_days": chosen, "confirmation_required": confirm},
    )
    session.commit()
    flash(_("The verification settings are saved."), "success")
    return redirect(url_for("pnyx_verification_admin.settings"))
