"""Admin pages of newsletters (``/admin/newsletters``): list, write, preview, test, send."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import select
from werkzeug.wrappers import Response

from pnyx import submissions
from pnyx.confirm import confirm_first
from pnyx.core_hooks import ADMIN
from pnyx.db import get_session
from pnyx.forms import Form
from pnyx.i18n import translated
from pnyx.navigation import admin_link
from pnyx.notifications.models import Newsletter
from pnyx.notifications.newsletters import sending
from pnyx.notifications.newsletters.audience import count_recipients
from pnyx.notifications.newsletters.forms import newsletter_schema
from pnyx.toolkit.pagination import paginate
from pnyx.web.guards import requires

blueprint = Blueprint("pnyx_newsletters", __name__, url_prefix="/admin/newsletters")
FIELDS = ("subject", "body", "audience", "space_ids", "term_ids")


def _load(newsletter_id: int) -> Newsletter:
    found = get_session().get(Newsletter, newsletter_id)
    if found is None:
        abort(404)
    return found


@blueprint.get("/")
@requires(ADMIN)
def index() -> str:
    page = paginate(select(Newsletter).order_by(Newsletter.id.desc()))
    return render_template("pnyx/notifications/newsletters/index.html", page=page)


def _edit(newsletter: Newsletter | None) -> str | Response | tuple[str, int]:
    values = {name: getattr(newsletter, name) for name in FIELDS} if newsletter else None
    form = Form(newsletter_schema(), values)
    if request.method == "POST" and form.validate(request.form):
        if newsletter is None:
            submissions.claim()  # the form sent twice at once: one newsletter (docs/forms.md)
            newsletter = Newsletter(author_id=g.user.id)
            get_session().add(newsletter)
        for name in FIELDS:
            setattr(newsletter, name, form.data[name])
        get_session().flush()
        submissions.made(url_for(".show", newsletter_id=newsletter.id))
        get_session().commit()
        flash(_("The newsletter is saved: preview it and send yourself a test."), "success")
        return redirect(url_for(".show", newsletter_id=newsletter.id), 303)
    page = render_template(
        "pnyx/notifications/newsletters/form.html", form=form, newsletter=newsletter
    )
    return (page, 400) if form.has_errors else page


@blueprint.route("/new", methods=["GET", "POST"])
@requires(ADMIN)
def new() -> str | Response | tuple[str, int]:
    return _edit(None)


@blueprint.route("/<int:newsletter_id>/edit", methods=["GET", "POST"])
@requires(ADMIN)
def edit(newsletter_id: int) -> str | Response | tuple[str, int]:
    newsletter = _load(newsletter_id)
    if newsletter.status != "draft":
        abort(409, description=_("A newsletter already sent cannot be changed."))
    return _edit(newsletter)


@blueprint.get("/<int:newsletter_id>")
@requires(ADMIN)
def show(newsletter_id: int) -> str:
    newsletter = _load(newsletter_id)
    total = count_recipients(newsletter) if newsletter.status == "draft" else None
    return render_template(
        "pnyx/notifications/newsletters/show.html", newsletter=newsletter, total=total
    )


@blueprint.post("/<int:newsletter_id>/test")
@requires(ADMIN)
def send_test(newsletter_id: int) -> Response:
    newsletter = _load(newsletter_id)
    if not g.user.email:
        abort(400, description=_("Your account has no e-mail address."))
    sending.send_test(newsletter, g.user)
    flash(_("A test was sent to %(email)s.", email=g.user.email), "success")
    return redirect(url_for(".show", newsletter_id=newsletter.id), 303)


@blueprint.post("/<int:newsletter_id>/send")
@requires(ADMIN)
def send(newsletter_id: int) -> Response | tuple[str, int]:
    newsletter = _load(newsletter_id)
    if newsletter.status != "draft":
        abort(409, description=_("This newsletter is already sent."))
    total = count_recipients(newsletter)
    page = confirm_first(
        title=_("Send the newsletter %(subject)s?", subject=translated(newsletter.subject)),
        consequence=ngettext(
            "It goes to %(num)d person at once; this cannot be undone.",
            "It goes to %(num)d people at once; this cannot be undone.",
            total,
        ),
        button=_("Yes, send it"),
        cancel_url=url_for(".show", newsletter_id=newsletter.id),
        danger=False,
    )
    if page is not None:
        return page
    sending.start(newsletter, total, g.user.id)
    get_session().commit()
    flash(_("Sending: the page shows how far it went."), "success")
    return redirect(url_for(".show", newsletter_id=newsletter.id), 303)


admin_link(lambda: str(_l("Newsletters")), "pnyx_newsletters.index")
