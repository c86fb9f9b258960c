"""``/assisted``: user managers list, create and act for managed participants."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask import session as cookie_session
from flask_babel import gettext as _
from sqlalchemy import Select, func, select
from werkzeug.wrappers import Response

from pnyx import submissions
from pnyx.action_log import log_action
from pnyx.assisted.acting import ACTING_FOR, can_be_assisted, start_acting, stop_acting
from pnyx.core_hooks import ACCOUNT, MANAGE_PARTICIPANTS
from pnyx.db import get_session
from pnyx.inputs import page_arg
from pnyx.models import Authorization, User, utcnow
from pnyx.web.auth import safe_next
from pnyx.web.guards import requires

blueprint = Blueprint("pnyx_assisted", __name__, url_prefix="/assisted")
NAME_LENGTH = 120


def managed_query(search: str) -> Select[tuple[User]]:
    query = select(User).where(User.managed.is_(True), User.deleted_at.is_(None))
    if search:
        escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(func.lower(User.name).like(f"%{escaped.lower()}%", escape="\\"))
    return query


def verified_handlers(users: list[User]) -> dict[int, list[str]]:
    """Which verifications each listed participant has, in one query."""
    query = select(Authorization.user_id, Authorization.handler).where(
        Authorization.user_id.in_([u.id for u in users])
    )
    found: dict[int, list[str]] = {}
    for user_id, handler in get_session().execute(query):
        found.setdefault(user_id, []).append(handler)
    return found


@blueprint.route("/participants")
@requires(MANAGE_PARTICIPANTS)
def participants() -> str:
    search = request.args.get("q", "").strip()[:NAME_LENGTH]
    page = page_arg()
    size = current_app.config["PAGE_SIZE"]
    query = managed_query(search).order_by(User.name, User.id)
    rows = get_session().scalars(query.offset((page - 1) * size).limit(size + 1)).all()
    shown = list(rows[:size])
    return render_template(
        "pnyx/assisted/participants.html",
        participants=shown,
        verified=verified_handlers(shown),
        search=search,
        page=page,
        has_next=len(rows) > size,
    )


@blueprint.route("/participants/new", methods=["GET", "POST"])
@requires(MANAGE_PARTICIPANTS)
def new_participant() -> str | Response | tuple[str, int]:
    name = " ".join(request.form.get("name", "").split())
    errors = {}
    if request.method == "POST":
        if not name or len(name) > NAME_LENGTH:
            errors["name"] = _("Write the participant's name (at most 120 characters).")
        else:
            submissions.claim()  # the form sent twice at once: one participant (docs/forms.md)
            return create_participant(name)
    page = render_template("pnyx/assisted/new_participant.html", name=name, errors=errors)
    return (page, 400) if errors else page


def create_participant(name: str) -> Response:
    session = get_session()
    # No e-mail to confirm: marked confirmed so that participation gates let them take part.
    participant = User(name=name, managed=True, confirmed_at=utcnow())
    session.add(participant)
    session.flush()
    log_action(session, "pnyx.participant.created", resource=("user", participant.id))
    location = url_for("pnyx_assisted.participants", q=name)
    submissions.made(location)
    session.commit()
    flash(_("%(name)s is registered as a managed participant.", name=name), "success")
    return redirect(location)


@blueprint.route("/participants/<int:user_id>/act", methods=["POST"])
@requires(MANAGE_PARTICIPANTS)
def act(user_id: int) -> Response:
    participant = get_session().get(User, user_id)
    if not can_be_assisted(participant):
        abort(404)  # never real accounts: they are not even shown to exist
    assert participant is not None
    session = get_session()
    log_action(session, "pnyx.assisted.started", resource=("user", participant.id))
    session.commit()
    start_acting(participant)
    flash(_("You are now acting for %(name)s.", name=participant.name), "success")
    return redirect(safe_next(request.form.get("next"), url_for("pnyx_verification.index")))


@blueprint.route("/stop", methods=["POST"])
@requires(ACCOUNT)
def stop() -> Response:
    if cookie_session.get(ACTING_FOR) is not None and g.get("operator_id") is not None:
        session = get_session()
        log_action(session, "pnyx.assisted.stopped", resource=("user", g.user.id))
        session.commit()
        flash(_("You stopped acting for %(name)s.", name=g.user.name), "success")
    stop_acting()
    return redirect(url_for("pnyx_assisted.participants"))
