"""The account page "E-mails I receive": the optional e-mails (:mod:`pnyx.optional_mails`),
each a checkbox; unticking one turns it off for this account."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from pnyx.accounts.blueprint import blueprint
from pnyx.action_log import log_action
from pnyx.core_hooks import ACCOUNT
from pnyx.db import get_session
from pnyx.navigation import account_link
from pnyx.optional_mails import optional_mails
from pnyx.web.guards import requires


@blueprint.route("/account/e-mails", methods=["GET", "POST"])
@requires(ACCOUNT)
def mail_preferences() -> str | Response:
    user = g.user
    kinds = optional_mails()
    if request.method == "GET":
        return render_template("pnyx/account/mails.html", kinds=kinds, user=user)
    wanted = set(request.form.getlist("wanted"))
    known = {kind.name for kind in kinds}
    # names of plugins disabled since stay as they were: only the listed kinds change
    kept = [name for name in (user.mail_opt_outs or []) if name not in known]
    user.mail_opt_outs = sorted(kept + [name for name in known if name not in wanted])
    log_action(
        get_session(),
        "pnyx.account.mail_preferences_updated",
        resource=("user", user.id),
        visibility="private",
        extra={"turned_off": [name for name in known if name not in wanted]},
    )
    get_session().commit()
    flash(_("Your e-mail choices are saved."), "success")
    return redirect(url_for("pnyx_auth.mail_preferences"), 303)


account_link(lambda: str(_l("E-mails I receive")), "pnyx_auth.mail_preferences")
