"""Events reach plugins after commit only; the action log is written in the same transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pnyx.events import discard_events, publish_event
from pnyx.models import ActionLog


@pytest.fixture
def pnyx_plugins(fake_plugins):
    fake_plugins(sample="sample_plugin")
    return ["sample"]


@pytest.fixture
def received():
    import sample_plugin

    sample_plugin.RECEIVED_EVENTS.clear()
    return sample_plugin.RECEIVED_EVENTS


def test_post_logs_and_publishes_after_commit(
    client, session, sign_in, make_user, make_space, make_component, received
):
    space = make_space()
    component = make_component(
        space, "sample", settings={"default_step": {"posting_enabled": True}}
    )
    user = make_user()
    sign_in(client, user)
    assert (
        client.post_form(f"/spaces/{space.slug}/sample/{component.id}/post", data={}).status_code
        == 200
    )
    assert [e.name for e in received] == ["sample.posted"]
    entry = session.scalar(select(ActionLog).where(ActionLog.action == "sample.post"))
    assert entry is not None and entry.actor_id == user.id and entry.component_id == component.id
    assert entry.visibility == "public"


def test_rolled_back_events_are_never_delivered(app, received) -> None:
    from pnyx.db import get_session

    with app.app_context():
        session = get_session()
        publish_event(session, "sample.rolled_back")
        session.rollback()
    with app.app_context():
        session = get_session()
        publish_event(session, "sample.committed")
        session.commit()
        assert received == []  # not yet: delivered when the context ends
    assert [e.name for e in received] == ["sample.committed"]


def test_discarded_events_are_never_delivered(app, received) -> None:
    from pnyx.db import get_session

    with app.app_context():
        session = get_session()
        publish_event(session, "sample.old_news")
        publish_event(session, "sample.committed")
        publish_event(session, "sample.old_news")
        assert discard_events(session, "sample.old_news") == 2
        session.commit()
    assert [e.name for e in received] == ["sample.committed"]
