"""A core-only instance serves its home page and a process page with its phases."""

from __future__ import annotations

import datetime as dt

from pnyx.models import Step
from pnyx.steps import activate_due_steps, activate_step, next_activation


def test_home_lists_published_spaces_only(client, make_space) -> None:
    make_space(title={"fr": "Budget participatif", "en": "Participatory budget"})
    make_space(title={"fr": "Brouillon", "en": "Draft"}, published=False)
    page = client.get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Budget participatif" in page and "Brouillon" not in page


def test_process_page_shows_phases_with_current_highlighted(client, make_space) -> None:
    space = make_space(steps=3, active=1)
    page = client.get(f"/spaces/{space.slug}").get_data(as_text=True)
    assert page.count('<li class="phase') == 3
    assert page.count('aria-current="step"') == 1


def test_content_follows_reader_locale_with_fallback(client, make_space) -> None:
    space = make_space(
        title={"fr": "Concertation", "en": "Consultation"},
        description={"fr": "Seulement en français"},
    )
    page = client.get(f"/spaces/{space.slug}", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert "Consultation" in page and "Seulement en français" in page


def test_unknown_pages_get_a_styled_404(client) -> None:
    response = client.get("/spaces/nowhere")
    assert response.status_code == 404
    assert b"<main" in response.data and b"Traceback" not in response.data


def test_post_without_csrf_token_is_refused(client) -> None:
    response = client.post("/locale", data={"locale": "en"})
    assert response.status_code == 400


def test_due_step_is_activated_once_per_start_date(app, session, make_space) -> None:
    today = dt.date(2026, 5, 10)
    space = make_space(steps=0)
    first = Step(
        position=0,
        title={"en": "One"},
        start_date=dt.date(2026, 4, 1),
        end_date=dt.date(2026, 5, 9),
    )
    second = Step(position=1, title={"en": "Two"}, start_date=dt.date(2026, 5, 10), end_date=None)
    space.steps.extend([first, second])
    session.commit()
    assert [s.id for s in activate_due_steps(session, today)] == [second.id]
    session.commit()
    # An admin goes back to the first phase: the automatic activation does not fight them.
    activate_step(session, first)
    session.commit()
    assert activate_due_steps(session, today) == []
    assert first.active and not second.active


def test_automatic_activation_never_moves_back_over_a_chosen_phase(session, make_space) -> None:
    """Issue 10 item 3: staff moved to the vote on 6 December; the analysis phase's later
    start date re-activated it (then the vote again). Only later phases may activate."""
    space = make_space(steps=0)
    dates = [
        ("Propositions", dt.date(2026, 11, 1), dt.date(2026, 12, 5)),
        ("Analyse technique", dt.date(2026, 12, 10), dt.date(2026, 12, 31)),
        ("Vote", dt.date(2027, 1, 5), dt.date(2027, 1, 31)),
        ("Résultats", dt.date(2027, 2, 1), None),
    ]
    steps = [
        Step(position=i, title={"fr": title}, start_date=start, end_date=end)
        for i, (title, start, end) in enumerate(dates)
    ]
    space.steps.extend(steps)
    session.commit()
    assert activate_due_steps(session, dt.date(2026, 11, 2)) == [steps[0]]
    activate_step(session, steps[2])  # staff open the vote early, on 6 December
    session.commit()
    assert activate_due_steps(session, dt.date(2026, 12, 10)) == []
    assert activate_due_steps(session, dt.date(2027, 1, 5)) == []
    assert steps[2].active
    assert [s.title["fr"] for s in activate_due_steps(session, dt.date(2027, 2, 1))] == [
        "Résultats"
    ]


def test_next_activation_names_the_coming_phase_and_day(session, make_space) -> None:
    space = make_space(steps=0)
    first = Step(position=0, title={"en": "One"}, start_date=dt.date(2026, 4, 1))
    second = Step(position=1, title={"en": "Two"}, start_date=dt.date(2026, 5, 10))
    space.steps.extend([first, second])
    session.commit()
    assert next_activation(space, dt.date(2026, 3, 1)) == (first, dt.date(2026, 4, 1))
    activate_step(session, second)
    session.commit()
    assert next_activation(space, dt.date(2026, 3, 1)) is None


def test_home_groups_spaces_as_open_upcoming_and_past_in_staff_order(
    client, session, make_space
) -> None:
    """Issue 10 item 14: a finished space was listed under "Open spaces"; upcoming ones too."""
    today = dt.date.today()
    day = dt.timedelta(days=1)
    make_space(title={"en": "Open B"}, position=2)
    make_space(title={"en": "Open A"}, position=1)
    make_space(
        title={"en": "Finished"},
        steps=[{"title": "Vote", "start_date": today - 60 * day, "end_date": today - 30 * day}],
    )
    make_space(
        title={"en": "Coming"},
        steps=[{"title": "Ideas", "start_date": today + 10 * day, "end_date": None}],
        active=None,
    )
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    open_now = page[page.index("Open now") : page.index("Upcoming")]
    upcoming = page[page.index("Upcoming") : page.index("Past")]
    past = page[page.index("Past") :]
    assert open_now.index("Open A") < open_now.index("Open B")
    assert "Finished" not in open_now and "Coming" not in open_now
    assert "Coming" in upcoming and "Opens on" in upcoming
    assert "Finished" in past


def test_staff_order_the_spaces(client, session, make_space, make_user) -> None:
    first = make_space(title={"en": "First"}, slug="first", position=0)
    second = make_space(title={"en": "Second"}, slug="second", position=1)
    client.sign_in(make_user(roles=["admin"]))
    assert client.post_form("/admin/spaces/second/move", {"direction": "up"}).status_code == 302
    session.refresh(first)
    session.refresh(second)
    assert second.position < first.position
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert page.index("Second") < page.index("First")
