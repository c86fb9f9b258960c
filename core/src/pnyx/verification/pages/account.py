"""``/account/verifications``: every verification and where the person stands."""

from __future__ import annotations

import attrs
from flask import g, render_template, url_for

from pnyx.core_hooks import ACCOUNT
from pnyx.manifests import AuthorizationHandler, AuthorizationStatus
from pnyx.models import Authorization
from pnyx.verification.blueprints import public
from pnyx.verification.pages import next_target
from pnyx.verification.requirements import handlers, stored_status, user_authorizations
from pnyx.web.guards import requires


@attrs.frozen
class HandlerStatus:
    handler: AuthorizationHandler
    status: str
    authorization: Authorization | None
    url: str | None


def status_of(handler: AuthorizationHandler, authorization: Authorization | None) -> str:
    result = stored_status(handler, authorization)
    return result.status if result is not None else AuthorizationStatus.OK


@public.route("")
@requires(ACCOUNT)
def index() -> str:
    stored = user_authorizations(g.user)
    rows = []
    for handler in handlers().values():
        authorization = stored.get(handler.name)
        url = url_for(handler.verify_endpoint) if handler.verify_endpoint else None
        rows.append(HandlerStatus(handler, status_of(handler, authorization), authorization, url))
    return render_template("pnyx/verification/index.html", rows=rows, next=next_target())
