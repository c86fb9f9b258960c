"""A space's phases in the admin area: add, edit, dates, reorder, delete, activate."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from pnyx.models import ActionLog, Step


@pytest.fixture
def pnyx_plugins(fake_plugins):
    fake_plugins(folder="admin_plugins", keeper="pnyx_keeper.plugin")
    return ["keeper"]


@pytest.fixture
def admin(client, make_user, make_organization):
    make_organization()
    user = make_user(roles=["admin"])
    client.sign_in(user)
    return user


def ordered_titles(session, space) -> list[str]:
    query = select(Step).where(Step.space_id == space.id).order_by(Step.position, Step.id)
    return [step.title["fr"] for step in session.scalars(query)]


def test_add_a_phase_with_dates(client, session, make_space, admin) -> None:
    space = make_space(slug="p", steps=0)
    response = client.post_form(
        "/admin/spaces/p/steps/new",
        {
            "title.fr": "Vote",
            "title.en": "Vote",
            "start_date": "2026-10-01",
            "end_date": "2026-10-31",
        },
    )
    assert response.status_code == 302
    step = session.scalar(select(Step))
    assert (step.space_id, step.position) == (space.id, 0)
    assert (step.start_date, step.end_date) == (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    page = client.get("/admin/spaces/p/steps").get_data(as_text=True)
    assert "Vote" in page and "Make it the current phase" in page
    log = session.scalar(select(ActionLog))
    assert (log.action, log.space_id, log.resource_id) == ("pnyx.step.create", space.id, step.id)


def test_the_end_cannot_come_before_the_start(client, session, make_space, admin) -> None:
    make_space(slug="p", steps=0)
    response = client.post_form(
        "/admin/spaces/p/steps/new",
        {"title.fr": "Vote", "start_date": "2026-10-31", "end_date": "2026-10-01"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="f-end_date-error">The end date must be the same as or after the start date.' in page
    assert 'value="2026-10-31"' in page
    bad_date = client.post_form(
        "/admin/spaces/p/steps/new", {"title.fr": "Vote", "start_date": "31/10/2026"}
    )
    assert "Enter a date as year-month-day" in bad_date.get_data(as_text=True)
    assert session.scalar(select(Step)) is None


def test_edit_a_phase(client, session, make_space, admin) -> None:
    space = make_space(slug="p", steps=1)
    step = space.steps[0]
    client.post_form(f"/admin/spaces/p/steps/{step.id}", {"title.fr": "Idées", "end_date": ""})
    session.refresh(step)
    assert step.title == {"fr": "Idées"} and step.end_date is None


def test_reorder_phases_with_buttons(client, session, make_space, admin) -> None:
    space = make_space(slug="p", steps=["Un", "Deux", "Trois"])
    third = space.steps[2]
    client.post_form(f"/admin/spaces/p/steps/{third.id}/move", {"direction": "up"})
    assert ordered_titles(session, space) == ["Un", "Trois", "Deux"]
    client.post_form(f"/admin/spaces/p/steps/{third.id}/move", {"direction": "up"})
    client.post_form(f"/admin/spaces/p/steps/{third.id}/move", {"direction": "up"})  # no-op
    assert ordered_titles(session, space) == ["Trois", "Un", "Deux"]
    page = client.get("/admin/spaces/p/steps").get_data(as_text=True)
    assert page.count("Move up") == 2 and page.count("Move down") == 2


def test_activate_a_phase(client, session, make_space, admin) -> None:
    space = make_space(slug="p", steps=3, active=0)
    second = space.steps[1]
    response = client.post_form(
        f"/admin/spaces/p/steps/{second.id}/activate", follow_redirects=True
    )
    assert "is now the current phase" in response.get_data(as_text=True)
    session.refresh(space)
    assert [step.active for step in space.steps] == [False, True, False]


def test_delete_a_phase_and_its_component_settings(
    client, session, make_space, make_component, admin
) -> None:
    space = make_space(slug="p", steps=2, active=0)
    gone, kept = space.steps
    settings = {"steps": {str(gone.id): {"items_enabled": True}, str(kept.id): {}}}
    component = make_component(space, "keeper", settings=settings)
    assert "It is the current phase" in client.get(
        f"/admin/spaces/p/steps/{gone.id}/delete"
    ).get_data(as_text=True)
    assert client.post_form(f"/admin/spaces/p/steps/{gone.id}/delete").status_code == 302
    session.refresh(component)
    assert list(component.settings["steps"]) == [str(kept.id)]
    assert ordered_titles(session, space) == ["Vote"]


def test_steps_of_another_space_are_not_found(client, make_space, admin) -> None:
    make_space(slug="p")
    other = make_space(slug="q")
    assert client.get(f"/admin/spaces/p/steps/{other.steps[0].id}").status_code == 404
    assert client.get("/admin/spaces/nowhere/steps").status_code == 404


def test_phases_page_says_which_phase_comes_next_and_when(
    client, session, make_space, admin
) -> None:
    space = make_space(slug="p", steps=0)
    today = dt.date.today()
    space.steps.extend(
        [
            Step(position=0, title={"fr": "Idées", "en": "Ideas"}, start_date=None),
            Step(
                position=1,
                title={"fr": "Vote", "en": "Vote"},
                start_date=today + dt.timedelta(days=30),
            ),
        ]
    )
    session.commit()
    page = client.get("/admin/spaces/p/steps", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert "Next automatic change: Vote becomes the current phase on" in page
    client.post_form(f"/admin/spaces/p/steps/{space.steps[1].id}/activate")
    page = client.get("/admin/spaces/p/steps", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert "No phase will become current by itself" in page
