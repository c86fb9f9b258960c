"""The admin home: what needs attention and where to go."""

from __future__ import annotations

from flask import render_template
from sqlalchemy import func, select

from pnyx.admin import blueprint
from pnyx.core_hooks import ADMIN
from pnyx.db import get_session
from pnyx.models import Component, Space, User
from pnyx.web.guards import requires


@blueprint.route("/")
@requires(ADMIN)
def dashboard() -> str:
    session = get_session()
    counts = {
        "spaces": session.scalar(select(func.count()).select_from(Space)),
        "components": session.scalar(select(func.count()).select_from(Component)),
        "users": session.scalar(select(func.count()).select_from(User)),
    }
    return render_template("pnyx/admin/dashboard.html", counts=counts)
