"""Pages: "My activity", the public profile, and the profile's settings."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from pnyx.attachments.service import cover
from pnyx.attachments.upload import AttachmentError
from pnyx.core_hooks import ACCOUNT, PUBLIC
from pnyx.db import get_session
from pnyx.inputs import clean_text, upload_limit
from pnyx.models import User, utcnow
from pnyx.navigation import account_link
from pnyx.notifications.activity.avatars import remove_avatar, save_avatar
from pnyx.notifications.activity.items import collect
from pnyx.notifications.models import PublicProfile
from pnyx.notifications.views import blueprint
from pnyx.web.guards import requires

#: Items a page shows; "show more" asks for the next step, up to :data:`MOST`.
STEP, MOST = 30, 300
NICKNAME_MAX = 60


def _limit() -> int:
    raw = request.args.get("shown", "")
    asked = int(raw) if raw.isdigit() and len(raw) < 5 else STEP
    return max(STEP, min(MOST, asked))


def _more_url(more: bool, limit: int) -> str | None:
    if not more or limit >= MOST:
        return None
    return url_for(str(request.endpoint), **(request.view_args or {}), shown=limit + STEP)


@blueprint.get("/account/activity")
@requires(ACCOUNT)
def my_activity() -> str:
    limit = _limit()
    items = collect(g.user, public=False, limit=limit + 1)
    return render_template(
        "pnyx/notifications/activity.html",
        items=items[:limit],
        more_url=_more_url(len(items) > limit, limit),
    )


@blueprint.get("/people/<int:user_id>")
@requires(PUBLIC)
def profile(user_id: int) -> str:
    session = get_session()
    person = session.get(User, user_id)
    settings = session.get(PublicProfile, user_id)
    if person is None or person.deleted_at or person.blocked or (settings and settings.hidden):
        abort(404)
    limit = _limit()
    items = collect(person, public=True, limit=limit + 1)
    return render_template(
        "pnyx/notifications/profile.html",
        person=person,
        nickname=settings.nickname if settings else None,
        items=items[:limit],
        more_url=_more_url(len(items) > limit, limit),
    )


@blueprint.route("/account/profile", methods=["GET", "POST"])
@upload_limit("ATTACHMENTS_MAX_BYTES")
@requires(ACCOUNT)
def profile_settings() -> str | Response | tuple[str, int]:
    session = get_session()
    settings = session.get(PublicProfile, g.user.id) or PublicProfile(user_id=g.user.id)
    errors: dict[str, str] = {}
    if request.method == "POST":
        nickname = " ".join(request.form.get("nickname", "").split())
        problem = clean_text(nickname)
        if problem:
            errors["nickname"] = problem
        elif len(nickname) > NICKNAME_MAX:
            errors["nickname"] = _("The nickname is too long: keep it under 60 characters.")
        notes = () if errors else _change_avatar(errors)
        if not errors:
            settings.nickname = nickname or None
            settings.hidden = request.form.get("hidden") == "yes"
            settings.updated_at = utcnow()
            session.add(settings)
            session.commit()
            for note in notes:
                flash(note, "info")
            flash(_("Your profile is saved."), "success")
            return redirect(url_for(".profile_settings"), 303)
        session.rollback()
    page = render_template(
        "pnyx/notifications/profile_settings.html",
        settings=settings,
        errors=errors,
        picture=cover("user", g.user.id) if g.user.avatar_key else None,
    )
    return (page, 400) if errors else page


def _change_avatar(errors: dict[str, str]) -> tuple[str, ...]:
    """A new picture (its alt text required), or removing it; ``errors["avatar"]`` if refused."""
    upload = request.files.get("avatar")
    if upload is None or not upload.filename:
        if request.form.get("remove_avatar") == "yes":
            remove_avatar(g.user)
        return ()
    alt = {str(get_locale() or "fr"): request.form.get("avatar_alt", "")}
    try:
        return save_avatar(g.user, upload, alt)
    except AttachmentError as error:
        errors["avatar"] = str(error)
        return ()


account_link(lambda: str(_l("My activity")), "pnyx_notifications.my_activity")
account_link(lambda: str(_l("My public profile")), "pnyx_notifications.profile_settings")
