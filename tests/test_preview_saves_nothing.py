"""Pressing "Preview" on any form saves nothing (docs/rich-text.md, "Preview").

A generic walker: it crawls the demo (every plugin enabled) as the demo's resident and as its
administrator, finds every form with a ``preview`` button, sends the form as shown with that
button pressed, and fails when the answer is not the form drawn again (200) or when the
request wrote to the database. Two forms saved on "Preview" before this test existed (an
organization's profile and an assembly's settings).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, select
from werkzeug.datastructures import MultiDict

from pnyx.db import get_database
from pnyx.demo import DEMO_ACCOUNTS, seed_demo
from pnyx.models import Space, User
from pnyx.testing.crawl import Form, Page, crawl

pytestmark = pytest.mark.pnyx_plugins("*")

WRITES = ("INSERT", "UPDATE", "DELETE")
#: Written by every signed-in request, whatever its form: when the person was last seen.
BOOKKEEPING = ("UPDATE user_sessions",)
START = ["/", "/admin/", "/groups/new"]


def preview_forms(pages: list[Page]) -> list[Form]:
    """Each form with a ``preview`` button, once per action."""
    found: dict[str, Form] = {}
    for page in pages:
        for form in page.forms:
            if form.method == "post" and any(c.name == "preview" for c in form.controls):
                found.setdefault(form.action, form)
    return list(found.values())


def pressing_preview(form: Form) -> MultiDict[str, str]:
    """The form as shown, sent with its preview button instead of its first submit button."""
    data = MultiDict(form.default_data())
    for control in form.controls:
        if control.type == "submit" and control.name and control.name != "preview":
            data.pop(control.name, None)
    preview = next(c for c in form.controls if c.name == "preview")
    data["preview"] = preview.value or "1"
    return data


@contextmanager
def writes_of(app: Any) -> Iterator[list[str]]:
    """The INSERT, UPDATE and DELETE statements the app's requests run meanwhile."""
    written: list[str] = []
    engine = get_database(app).engine

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        text = " ".join(statement.split())
        if text.upper().startswith(WRITES) and not text.startswith(BOOKKEEPING):
            written.append(text[:120])

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield written
    finally:
        event.remove(engine, "before_cursor_execute", note)


def test_pressing_preview_saves_nothing(app, client, session) -> None:
    seed_demo(session)
    # Every space's admin page too: the crawl keeps one page per endpoint, and each space
    # type (an assembly's settings...) has forms of its own.
    start = START + [f"/admin/spaces/{slug}" for slug in session.scalars(select(Space.slug))]
    problems, checked = [], 0
    for account in reversed(DEMO_ACCOUNTS):  # the resident, then the administrator
        client.sign_in(session.scalar(select(User).where(User.email == account.email)))
        for form in preview_forms(crawl(client, start, limit=1000, per_endpoint=3)):
            with writes_of(app) as written:
                answer = client.post(form.action, data=pressing_preview(form))
            checked += 1
            if answer.status_code != 200:
                problems.append(f"POST {form.action} with preview: answered {answer.status_code}")
            problems += [f"POST {form.action} with preview wrote: {w}" for w in written]
    assert not problems, "\n".join(problems)
    assert checked >= 20, f"only {checked} forms with a preview button were found"
