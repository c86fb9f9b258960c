"""The thread in the ``resource.comments`` slot of a commentable record's page."""

from __future__ import annotations

from typing import Any

from flask import render_template, request, url_for

from pnyx import api
from pnyx_comments import targets, text, threads
from pnyx_comments.actions import CREATE, VOTE
from pnyx_comments.models import MAX_DEPTH, MAX_LENGTH
from pnyx_comments.views.common import moderates
from pnyx_comments.writing import group_choices, is_staff


def _url(**changes: Any) -> str:
    """This page's URL with the thread's own query arguments changed, at the thread."""
    args = request.args.to_dict()
    for name, value in changes.items():
        if value is None:
            args.pop(name, None)
        else:
            args[name] = str(value)
    return url_for(request.endpoint or "", **(request.view_args or {}), **args) + "#comments"


def render(resource_type: str, resource: Any) -> api.Markup | None:
    target = targets.find(resource_type, getattr(resource, "id", 0) or 0, record=resource)
    if target is None or not targets.enabled(target):
        return None
    user = api.current_user()
    page = threads.load_page(target, user)
    blocked = targets.blocked(target)
    may_comment = api.decide(user, CREATE, target.record)
    markup = render_template(
        "comments/_thread.html",
        target=target,
        page=page,
        blocked=blocked,
        may_comment=may_comment,
        may_vote=not blocked and bool(api.decide(user, VOTE, target.record)),
        staff=user is not None and is_staff(user, target),
        groups=group_choices(target, user) if may_comment and not blocked else [],
        moderator=user is not None and moderates(target),
        render=text.render,
        max_depth=MAX_DEPTH,
        max_length=MAX_LENGTH,
        order_urls={
            order: _url(comments_order=order, comments_page=None) for order in threads.ORDERS
        },
        page_urls=_page_urls(page),
    )
    return api.Markup(markup)


def _page_urls(page: threads.ThreadPage) -> dict[str, str]:
    previous = page.number - 1
    return {
        "previous": _url(comments_page=previous if previous > 1 else None),
        "next": _url(comments_page=page.number + 1),
    }
