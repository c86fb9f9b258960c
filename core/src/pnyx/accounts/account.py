"""The account page: name, e-mail address, language, and links to the other
account pages (core features and plugins add theirs to
:data:`pnyx.navigation.ACCOUNT_LINKS`)."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from pnyx.accounts.blueprint import blueprint
from pnyx.accounts.forms import collect, name_error
from pnyx.action_log import log_action
from pnyx.core_hooks import ACCOUNT
from pnyx.db import get_session
from pnyx.i18n import organization_locales
from pnyx.web.guards import requires


@blueprint.route("/account", methods=["GET", "POST"])
@requires(ACCOUNT)
def account() -> str | Response | tuple[str, int]:
    user = g.user
    values = {"name": user.name, "locale": user.locale or ""}
    if request.method == "GET":
        return render_template("pnyx/account/index.html", values=values, errors={})
    values = {
        "name": " ".join(request.form.get("name", "").split()),
        "locale": request.form.get("locale", ""),
    }
    _default, available = organization_locales()
    errors = collect(
        name=name_error(values["name"]),
        locale=None if values["locale"] in ["", *available] else _("Choose a language."),
    )
    if errors:
        page = render_template("pnyx/account/index.html", values=values, errors=errors)
        return page, 400
    changed = [
        field for field in ("name", "locale") if (getattr(user, field) or "") != values[field]
    ]
    user.name = values["name"]
    user.locale = values["locale"] or None
    if changed:
        log_action(
            get_session(),
            "pnyx.account.profile_updated",
            resource=("user", user.id),
            visibility="private",
            extra={"fields": changed},
        )
    get_session().commit()
    flash(_("Your account is updated."), "success")
    return redirect(url_for("pnyx_auth.account"))
