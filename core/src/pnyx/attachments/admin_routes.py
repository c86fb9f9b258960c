"""The staff pages of a space's and a component's files (added to the admin blueprint)."""

from __future__ import annotations

from flask import g, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from pnyx.admin import blueprint
from pnyx.attachments.manage import manage
from pnyx.core_hooks import ADMIN_SPACE
from pnyx.i18n import translated
from pnyx.inputs import upload_limit
from pnyx.web.guards import requires


@blueprint.route("/spaces/<space_slug>/files", methods=["GET", "POST"])
@upload_limit("ATTACHMENTS_MAX_BYTES")
@requires(ADMIN_SPACE)
def space_files() -> Response | tuple[str, int]:
    space = g.space
    return manage(
        ("space", space.id),
        space=space,
        title=_("Files and image of %(title)s", title=translated(space.title)),
        cover=True,
        back_url=url_for("pnyx_admin.space", space_slug=space.slug),
    )


@blueprint.route("/components/<int:component_id>/files", methods=["GET", "POST"])
@upload_limit("ATTACHMENTS_MAX_BYTES")
@requires(ADMIN_SPACE)
def component_files(component_id: int) -> Response | tuple[str, int]:
    component = g.component
    return manage(
        ("component", component.id),
        space=component.space,
        component=component,
        title=_("Files of %(title)s", title=translated(component.name)),
        back_url=url_for("pnyx_admin.component", component_id=component.id),
    )
