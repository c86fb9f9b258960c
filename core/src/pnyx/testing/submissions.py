"""Testing "sent once" (:mod:`pnyx.submissions`, docs/forms.md): a form sent twice makes one item.

from pnyx.testing.submissions import sent_twice

def test_a_new_thing_sent_twice_is_made_once(client, session, admin):
    sent_twice(client, "/admin/spaces/ours/things/new", {"title.fr": "Une chose"})
    assert count_of_things(session) == 1
"""

from __future__ import annotations

from typing import Any

from werkzeug.test import TestResponse

from pnyx.submissions import FIELD

#: The message of the page a second sending leads to (English: the test client's language).
ALREADY_SENT = "This form was already sent: what it made is saved once."
#: A well-formed one-time token, as the form would carry.
TOKEN = "Test-form-sent-once-0123456789"


def sent_twice(
    client: Any, url: str, form: dict[str, Any], *, action: str | None = None
) -> tuple[TestResponse, TestResponse]:
    """GET the form at ``url`` (it must carry a one-time token), POST ``form`` twice with one
    token to ``action`` (default: ``url``; a button on a page posts elsewhere), and check
    that the second answer leads where the first did, saying so. Returns both answers."""
    assert f'name="{FIELD}"' in client.get(url).text, f"the form at {url} has no one-time token"
    target = action or url
    first = client.post_form(target, {**form, FIELD: TOKEN})
    again = client.post_form(target, {**form, FIELD: TOKEN})
    assert first.status_code in (302, 303), first.text
    assert again.status_code == 302 and again.location == first.location
    assert ALREADY_SENT in client.get(again.location, follow_redirects=True).text
    return first, again
