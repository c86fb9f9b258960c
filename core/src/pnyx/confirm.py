"""Asking before an irreversible or destructive action, without JavaScript.

A destructive button posts its form as usual. The view calls
:func:`confirm_first` before acting: when the submission does not carry the
confirmation yet, it answers with a page that names what will happen and a
form re-posting the same fields with ``confirmed=yes`` (plus a way back). The
second submission carries the confirmation and the view goes on. One shared
step, so every such action asks the same way and reads the same to a screen
reader; nothing depends on a script's ``confirm()``.
"""

from __future__ import annotations

from typing import Any

from flask import render_template, request

from pnyx.web.csrf import FIELD as CSRF_FIELD

#: The form field that carries the confirmation.
CONFIRMED = "confirmed"


def is_confirmed() -> bool:
    """Whether the current submission carries the confirmation."""
    return request.method == "POST" and request.form.get(CONFIRMED) == "yes"


def confirm_first(
    *,
    title: Any,
    consequence: Any,
    button: Any,
    cancel_url: str,
    danger: bool = True,
    admin: bool = True,
) -> tuple[str, int] | None:
    """``None`` when the submission is confirmed; otherwise the confirmation page to return.

    ``title`` is the question ("Publish the outcome of Budget 2027?"),
    ``consequence`` says what will happen and what cannot be undone,
    ``button`` labels the confirming button ("Yes, publish it"),
    ``cancel_url`` leads back without acting. ``danger`` styles the button as
    destructive (deleting, hiding, revoking) rather than as the primary action
    (publishing). ``admin`` shows the page in the admin shell.

    Example::

        page = api.confirm_first(
            title=api._("Delete the meeting %(title)s?", title=title),
            consequence=api._("Its registrations are deleted too."),
            button=api._("Yes, delete the meeting"),
            cancel_url=url_for("meetings_admin.index", component_id=component.id),
        )
        if page is not None:
            return page
    """
    if is_confirmed():
        return None
    fields = [
        (key, value)
        for key, values in request.form.lists()
        if key not in (CSRF_FIELD, CONFIRMED)
        for value in values
    ]
    page = render_template(
        "pnyx/confirm.html",
        title=title,
        consequence=consequence,
        button=button,
        cancel_url=cancel_url,
        danger=danger,
        fields=fields,
        action=request.full_path if request.query_string else request.path,
        layout="pnyx/admin/layout.html" if admin else "pnyx/layout.html",
    )
    return page, 200
