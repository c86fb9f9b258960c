"""A meeting's page reads the organization once: its time zone comes from the row the request
has read (Flask-Babel's zone), not from one more statement."""

from __future__ import annotations

from collections.abc import Callable

from pnyx_meetings.models import Meeting
from pnyx_meetings.zones import organization_zone_name


def test_the_page_reads_the_organization_once(
    base_url: str,
    make_meeting: Callable[..., Meeting],
    sql_statements: Callable[[str], list[str]],
) -> None:
    meeting = make_meeting("Forum")
    statements = sql_statements(f"{base_url}meetings/{meeting.id}")
    assert len([s for s in statements if "FROM organization" in s]) == 1


def test_the_zone_is_the_organizations_in_and_out_of_a_request(
    app, session, make_organization
) -> None:
    make_organization(time_zone="America/Cayenne")
    with app.app_context():
        assert organization_zone_name() == "America/Cayenne"
    with app.test_request_context("/"):
        assert organization_zone_name() == "America/Cayenne"
