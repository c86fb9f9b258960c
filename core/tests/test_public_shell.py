"""The public shell: layout, home, space page, component shell, error pages (issue 4, point 1)."""

from __future__ import annotations

import datetime as dt

import pytest

from pnyx.web.components import component_url
from pnyx.web.pages import CURRENT, PAST, UPCOMING, phase_state


@pytest.fixture
def pnyx_plugins(fake_plugins):
    fake_plugins("shell_plugin", shell="shell_sample")
    return ["shell"]


@pytest.fixture
def space(make_space):
    return make_space(
        title={"fr": "Budget participatif", "en": "Participatory budget"},
        description={"fr": "Premier paragraphe.\r\n\r\nSecond paragraphe."},
        steps=3,
        active=1,
    )


def component_page(client, component) -> str:
    """The component's public URL, as the core builds it."""
    with client.application.test_request_context():
        return component_url(component)


def english(client, url: str) -> str:
    return client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)


def test_layout_has_skip_link_landmarks_and_language_switcher(client) -> None:
    page = english(client, "/")
    assert page.index('class="skip-link" href="#main"') < page.index("<header")
    assert '<nav aria-label="Main menu"' in page and '<main id="main"' in page
    assert "<footer" in page
    # The switcher is a plain form: a select and a button, no script.
    assert 'action="/locale"' in page and 'name="locale"' in page
    assert ">Change language</button>" in page and "<script" not in page


def test_current_menu_entry_is_marked(client) -> None:
    page = english(client, "/")
    assert '<a href="/" aria-current="page">Home</a>' in page


def test_signed_in_person_has_an_account_menu_that_opens_without_javascript(
    client, make_user
) -> None:
    client.sign_in(make_user(name="Dominique"))
    page = english(client, "/")
    assert '<details class="account-menu">' in page
    assert "Dominique</summary>" in page and ">Sign out</button>" in page


def test_home_lists_open_spaces_with_their_current_phase_and_dates(client, space) -> None:
    page = english(client, "/")
    assert "Participatory budget" in page
    current = space.active_step
    assert "Current phase" in page and current.title["en"] in page
    assert str(current.start_date.year) in page


def test_space_page_shows_every_phase_with_its_state(client, space) -> None:
    page = english(client, f"/spaces/{space.slug}")
    assert page.count('class="phase phase-past"') == 1
    assert page.count('class="phase phase-current phase-active" aria-current="step"') == 1
    assert page.count('class="phase phase-upcoming"') == 1
    assert "Finished" in page and "Upcoming" in page


def test_space_description_keeps_its_paragraphs(client, space) -> None:
    page = english(client, f"/spaces/{space.slug}")
    # Rendered as rich text (docs/rich-text.md): one paragraph per blank line, as before.
    assert "<p>Premier paragraphe.</p>\n<p>Second paragraphe.</p>" in page


def test_space_page_shows_component_figures_and_the_statistics_slot(
    client, space, make_component
) -> None:
    make_component(space, "shell", name={"en": "Vote"})
    page = english(client, f"/spaces/{space.slug}")
    assert 'id="statistics-title">Participation</h2>' in page
    assert "<dt>Vote: Votes</dt><dd>1,234</dd>" in page
    assert f"<p>figures of {space.slug}</p>" in page
    # A failing figure is left out; the page still shows.
    assert "Broken figure" not in page


def test_space_without_figures_has_no_statistics_section(client, make_space) -> None:
    space = make_space()
    assert "statistics-title" not in english(client, f"/spaces/{space.slug}")


def test_component_shell_says_why_an_action_is_refused_and_how_to_fix_it(
    client, space, make_component
) -> None:
    component = make_component(space, "shell", name={"en": "Vote"})
    page = english(client, component_page(client, component))
    assert 'aria-label="Breadcrumb"' in page and 'aria-current="page">Vote</a>' in page
    assert "Current phase:" in page
    assert "<strong>Vote for a project</strong>" in page
    assert "This is not possible during the current phase." in page


def test_component_shell_says_what_a_person_may_do_now(
    client, space, make_component, make_user
) -> None:
    active = space.active_step
    settings = {"steps": {str(active.id): {"votes_enabled": True}}}
    component = make_component(space, "shell", name={"en": "Vote"}, settings=settings)
    url = component_page(client, component)
    anonymous = english(client, url)
    assert "Sign in to do this." in anonymous
    assert f'href="/sign-in?next={url}">Sign in</a>' in anonymous
    client.sign_in(make_user())
    signed_in = english(client, url)
    assert "You can do this now." in signed_in


def test_staff_actions_are_listed_only_to_staff(client, space, make_component, make_user) -> None:
    component = make_component(space, "shell")
    url = component_page(client, component)
    client.sign_in(make_user())
    assert "Hide a project" not in english(client, url)
    client.sign_in(make_user(roles=["admin"]))
    assert "<strong>Hide a project</strong>" in english(client, url)


def test_component_shell_without_an_open_phase_says_so(client, make_space, make_component) -> None:
    space = make_space(steps=2, active=None)
    component = make_component(space, "shell")
    page = english(client, component_page(client, component))
    assert "No phase is open at the moment." in page


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_404_is_styled_in_the_reader_language(client, locale: str) -> None:
    response = client.get("/nowhere", headers={"Accept-Language": locale})
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert f'<html lang="{locale}">' in page and 'class="site-header"' in page
    assert page.count("<h1>") == 1 and "404" in page


def test_403_explains_the_refusal(client, sign_in, make_user) -> None:
    sign_in(client, make_user())
    response = client.get("/admin/", headers={"Accept-Language": "en"})
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "Only administrators can do this." in page and "Error code: 403" in page


def test_unpublished_space_is_a_styled_404(client, make_space) -> None:
    space = make_space(published=False)
    response = client.get(f"/spaces/{space.slug}", headers={"Accept-Language": "en"})
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "not published" not in page and "Error code: 404" in page


def test_500_is_styled_and_shows_no_traceback(client, space, make_component) -> None:
    component = make_component(space, "shell")
    response = client.get(component_page(client, component) + "broken")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Traceback" not in page and "secret" not in page
    assert 'class="site-header"' in page and "Error code: 500" in page


def test_language_switcher_works_without_javascript(client, space) -> None:
    response = client.post_form("/locale", data={"locale": "en", "next": f"/spaces/{space.slug}"})
    assert response.status_code == 302 and response.location == f"/spaces/{space.slug}"
    page = client.get(f"/spaces/{space.slug}").get_data(as_text=True)
    assert '<html lang="en">' in page and "Participatory budget" in page


def test_language_switcher_refuses_to_leave_the_site(client) -> None:
    response = client.post_form("/locale", data={"locale": "en", "next": "https://evil.test/"})
    assert response.location == "/"


def test_phase_state_follows_dates_when_no_phase_is_active(make_space) -> None:
    space = make_space(steps=2, active=None)
    first, second = space.steps
    today = second.start_date
    assert phase_state(first, space, today) == PAST
    assert phase_state(second, space, today) == UPCOMING
    second.active = True
    assert phase_state(second, space, today + dt.timedelta(days=1)) == CURRENT


def test_the_phase_box_says_when_the_next_phase_opens(client, make_space, make_component) -> None:
    """Issue 10 item 9: a vote not open yet did not say when it opens."""
    import datetime as dt

    from pnyx.models import Step

    opens = dt.date.today() + dt.timedelta(days=12)
    space = make_space(steps=0)
    space.steps.extend(
        [
            Step(position=0, title={"en": "Ideas"}, active=True),
            Step(position=1, title={"en": "Vote"}, start_date=opens),
        ]
    )
    make_component(space, "shell", name={"en": "Vote"})
    component = space.components[0]
    page = english(client, component_page(client, component))
    assert "Next phase: Vote, from" in page
    assert '<details class="disclosure possible-actions-box"' in page  # folds on phones
