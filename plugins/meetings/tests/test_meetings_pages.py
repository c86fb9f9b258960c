"""Reading meetings: the list, a meeting's page, the month calendar, the directory, slots."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_meetings.models import AgendaItem, Kind, Meeting, Minutes, OnlineAccess, Registration


def test_the_list_shows_upcoming_meetings_soonest_first(
    client: PnyxClient, base_url: str, make_meeting: Callable[..., Meeting]
) -> None:
    make_meeting("Later", days=10)
    make_meeting("Sooner", days=2)
    make_meeting("Gone", days=-5)

    page = client.get(base_url).text

    assert page.index("Sooner") < page.index("Later")
    assert "Gone" not in page
    past = client.get(f"{base_url}?when=past").text
    assert "Gone" in past and "Sooner" not in past


def test_a_meeting_page_shows_when_where_and_the_agenda(
    client: PnyxClient,
    session: Session,
    base_url: str,
    make_meeting: Callable[..., Meeting],
    paris: Callable[..., dt.datetime],
) -> None:
    meeting = make_meeting(
        "Forum",
        start_at=paris(2030, 3, 28, 18, 30),
        location={"en": "Community hall"},
        location_hints={"en": "Second floor"},
    )
    main = AgendaItem(meeting_id=meeting.id, title={"en": "Workshops"}, duration_minutes=60)
    session.add(main)
    session.flush()
    session.add(
        AgendaItem(
            meeting_id=meeting.id, parent_id=main.id, title={"en": "Cycling"}, duration_minutes=30
        )
    )
    session.commit()

    page = client.get(f"{base_url}meetings/{meeting.id}").text

    # Stored in UTC (17:30), shown in the organization's time zone.
    assert "Thursday, March 28, 2030, 6:30" in page
    assert "Community hall" in page and "Second floor" in page
    assert "Workshops" in page and "Cycling" in page and "60 minutes" in page


def test_an_unpublished_meeting_is_not_found(
    client: PnyxClient, base_url: str, make_meeting: Callable[..., Meeting]
) -> None:
    meeting = make_meeting("Draft", published=False)
    assert client.get(f"{base_url}meetings/{meeting.id}").status_code == 404
    assert "Draft" not in client.get(base_url).text


def test_a_restricted_online_link_is_for_registered_people(
    client: PnyxClient,
    base_url: str,
    make_meeting: Callable[..., Meeting],
    make_user: Callable[..., api.User],
) -> None:
    meeting = make_meeting(
        "Online",
        kind=Kind.ONLINE,
        online_url="https://visio.example.org/room",
        online_access=OnlineAccess.REGISTERED,
        registrations_enabled=True,
    )
    url = f"{base_url}meetings/{meeting.id}"
    assert "visio.example.org" not in client.get(url).text
    assert "visio.example.org" not in client.get(f"{url}.ics").text
    client.sign_in(make_user())
    client.post_form(f"{url}/register")
    assert "https://visio.example.org/room" in client.get(url).text
    assert "visio.example.org" in client.get(f"{url}.ics").text


def test_with_registration_on_the_online_link_is_for_registered_people_only(
    client: PnyxClient,
    base_url: str,
    make_meeting: Callable[..., Meeting],
    make_user: Callable[..., api.User],
) -> None:
    """Issue 10 item 13: a "public" link was shown to everyone although the meeting takes
    registrations (the demo's workshop); a seat is what the link gives."""
    meeting = make_meeting(
        "Hybrid",
        kind=Kind.HYBRID,
        online_url="https://visio.example.org/hall",
        online_access=OnlineAccess.PUBLIC,
        registrations_enabled=True,
    )
    open_to_all = make_meeting(
        "Open",
        kind=Kind.ONLINE,
        online_url="https://visio.example.org/open",
        online_access=OnlineAccess.PUBLIC,
    )
    url = f"{base_url}meetings/{meeting.id}"
    assert "visio.example.org" not in client.get(url).text
    assert "visio.example.org/open" in client.get(f"{base_url}meetings/{open_to_all.id}").text
    client.sign_in(make_user())
    client.post_form(f"{url}/register")
    assert "https://visio.example.org/hall" in client.get(url).text


def test_filters_by_type_territory_and_theme(
    client: PnyxClient,
    session: Session,
    base_url: str,
    make_meeting: Callable[..., Meeting],
) -> None:
    county = api.TaxonomyTerm(kind="territory", code="37", name={"en": "County"})
    session.add(county)
    session.flush()
    town = api.TaxonomyTerm(
        kind="territory", code="37261", name={"en": "Tours"}, parent_id=county.id
    )
    theme = api.TaxonomyTerm(kind="theme", code="mobility", name={"en": "Mobility"})
    session.add_all([town, theme])
    session.commit()
    make_meeting(
        "In Tours", territory_id=town.id, kind=Kind.HYBRID, online_url="https://visio.example.org/a"
    )
    themed = make_meeting("About mobility")
    themed.themes = [theme]
    session.commit()

    by_county = client.get(f"{base_url}?territory={county.id}").text
    assert "In Tours" in by_county and "About mobility" not in by_county
    by_theme = client.get(f"{base_url}?theme={theme.id}").text
    assert "About mobility" in by_theme and "In Tours" not in by_theme
    hybrid = client.get(f"{base_url}?kind=hybrid").text
    assert "In Tours" in hybrid and "About mobility" not in hybrid


def test_text_search_forgives_accents_and_case(
    client: PnyxClient, base_url: str, make_meeting: Callable[..., Meeting]
) -> None:
    """Issue 10 item 6: the meetings list had no text search."""
    make_meeting("Atelier VÉLO", description={"fr": "Réparer son vélo"})
    make_meeting("Conseil de quartier", address="3 rue de l’Église")
    for query in ("velo", "Vélo", "VELO"):
        page = client.get(f"{base_url}?q={query}").text
        assert "Atelier VÉLO" in page and "Conseil de quartier" not in page, query
    assert "Conseil de quartier" in client.get(f"{base_url}?q=eglise").text


def test_filters_by_dates(
    client: PnyxClient,
    base_url: str,
    make_meeting: Callable[..., Meeting],
    paris: Callable[..., dt.datetime],
) -> None:
    make_meeting("March", start_at=paris(2030, 3, 10, 18))
    make_meeting("April", start_at=paris(2030, 4, 10, 18))
    page = client.get(f"{base_url}?from=2030-04-01&to=2030-04-30").text
    assert "April" in page and "March" not in page


def test_month_calendar_places_meetings_on_their_days(
    client: PnyxClient,
    base_url: str,
    make_meeting: Callable[..., Meeting],
    paris: Callable[..., dt.datetime],
) -> None:
    # 23:30 in Paris on the 31st is already the 1st in UTC: it stays on the 31st.
    make_meeting("Late one", start_at=paris(2030, 3, 31, 23, 30))
    page = client.get(f"{base_url}calendar?month=2030-03").text
    assert "<table" in page and "<caption>March 2030</caption>" in page
    assert "Sunday, March 31, 2030, </span>11:30" in page
    assert "month=2030-04" in page and "month=2030-02" in page
    assert "No meeting this month." in client.get(f"{base_url}calendar?month=2030-05").text


def test_the_directory_lists_public_meetings_of_every_space(
    client: PnyxClient,
    make_space: Callable[..., api.Space],
    make_component: Callable[..., api.Component],
    make_meeting: Callable[..., Meeting],
) -> None:
    other = make_component(make_space(title={"en": "Assembly", "fr": "Assemblée"}), "meetings")
    hidden = make_component(make_space(private=True), "meetings")
    make_meeting("Here")
    make_meeting("There", component=other)
    make_meeting("Secret", component=hidden)

    page = client.get("/meetings/").text

    assert "Here" in page and "There" in page and "Assembly" in page
    assert "Secret" not in page
    assert 'href="/meetings/"' in client.get("/").text  # the main menu links to it


def test_home_and_space_pages_show_upcoming_meetings_and_latest_minutes(
    client: PnyxClient,
    session: Session,
    component: api.Component,
    make_meeting: Callable[..., Meeting],
    make_user: Callable[..., api.User],
) -> None:
    soon = make_meeting("Soon", days=1, registrations_enabled=True, capacity=10)
    session.add(Registration(meeting_id=soon.id, user_id=make_user().id, code="ABCDEFGH"))
    closed = make_meeting("Done", days=-3)
    session.add(
        Minutes(meeting_id=closed.id, text={"en": "We agreed on benches."}, attendees_count=12)
    )
    session.commit()

    home = client.get("/").text
    assert "Upcoming meetings" in home and "Soon" in home and "9 seats left" in home
    space = client.get(f"/spaces/{component.space.slug}").text
    assert "Soon" in space
    assert (
        "Latest minutes" in space and "We agreed on benches." in space and "12 attendees" in space
    )


def test_an_empty_list_says_nothing_is_planned_yet(client: PnyxClient, base_url: str) -> None:
    """Issue 10 item 9: an empty list said "No meeting matches." without any filter."""
    page = client.get(base_url).text
    assert "No meeting is planned yet." in page and "No meeting matches." not in page
    assert "No meeting matches." in client.get(f"{base_url}?q=nothing").text
