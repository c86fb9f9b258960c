"""The core admin's creation forms sent twice (a double click, the back button) make one
item: a phase, a component, a newsletter, an export of the log (api.submissions,
docs/forms.md "Sent once").
Forms whose item has a unique address (spaces, space groups, taxonomy terms) already refuse
the second one with a form error."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx.models import AdminExport, Component, Newsletter, Step
from pnyx.testing.submissions import sent_twice


@pytest.fixture
def pnyx_plugins(fake_plugins):
    fake_plugins(folder="admin_plugins", keeper="pnyx_keeper.plugin")
    return ["keeper"]


@pytest.fixture
def admin(client, make_organization, make_space, make_user):
    make_organization()
    make_space(slug="ours")
    client.sign_in(make_user(roles=["admin"]))


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_phase_form_sent_again_adds_one_phase(client, session, admin) -> None:
    phases = count(session, Step)
    sent_twice(client, "/admin/spaces/ours/steps/new", {"title.fr": "Vote", "title.en": "Vote"})
    assert count(session, Step) == phases + 1


def test_a_component_form_sent_again_adds_one_component(client, session, admin) -> None:
    url = "/admin/spaces/ours/components/new"
    sent_twice(client, url, {"type": "keeper", "name.fr": "Boîte"})
    assert count(session, Component) == 1


def test_a_newsletter_form_sent_again_writes_one_newsletter(client, session, admin) -> None:
    form = {"subject.fr": "Nouvelles de mai", "body.fr": "Grande nouvelle", "audience": "all"}
    sent_twice(client, "/admin/newsletters/new", form)
    assert count(session, Newsletter) == 1
    newsletter = session.scalar(select(Newsletter))
    assert (
        'name="submission_token"' not in client.get(f"/admin/newsletters/{newsletter.id}/edit").text
    )


def test_the_log_export_button_clicked_twice_prepares_one_file(
    client, session, admin, outbox
) -> None:
    page = client.get("/admin/log?action=test.export").text
    token = page.split('name="submission_token" value="')[1].split('"')[0]
    form = {"action": "test.export", "submission_token": token}
    first = client.post_form("/admin/log/export", form)
    again = client.post_form("/admin/log/export", form)
    assert first.status_code == again.status_code == 302
    assert again.location == first.location == "/admin/exports"
    assert count(session, AdminExport) == 1 and len(outbox) == 1
