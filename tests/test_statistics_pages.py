"""Public statistics (issue 21 item 3): every plugin's figures through the ``statistics``
hook, added up per space and for the organization; charts and tables; territories when the
organization allows it; age groups for staff, never below ten people; private spaces never
counted for people outside them."""

from __future__ import annotations

import datetime as dt

import pytest

from pnyx import api
from pnyx.models import Authorization, OpenDataSettings, TaxonomyTerm
from pnyx_budgets.models import CAST, Ballot, Budget
from pnyx_meetings.models import Meeting, Registration
from pnyx_proposals.models import Proposal, Support

pytestmark = pytest.mark.pnyx_plugins("proposals", "meetings", "budgets")
EN = {"Accept-Language": "en"}


@pytest.fixture
def city(session, make_space, make_component, make_user):
    """A public space with a proposal, a support, a ballot and a registration by three
    people; a private space with a secret proposal."""
    north = TaxonomyTerm(kind="territory", name={"en": "North district"}, code="north")
    session.add(north)
    public = make_space(slug="open", title={"en": "Open space"})
    private = make_space(slug="closed", title={"en": "Closed space"}, private=True)
    proposals = make_component(public, "proposals")
    meetings = make_component(public, "meetings")
    budgets = make_component(public, "budgets")
    secret = make_component(private, "proposals")
    ana, bruno, chloe = (make_user(name=n, email=f"{n}@example.org") for n in "abc")
    member = make_user(name="member", email="m@example.org", space_roles={private: "admin"})
    day = api.utcnow() - dt.timedelta(days=3)
    session.flush()
    proposal = Proposal(
        component_id=proposals.id,
        title="Bancs",
        body="...",
        published_at=day,
        author_id=ana.id,
        territory_id=north.id,
    )
    session.add_all(
        [
            proposal,
            Proposal(
                component_id=secret.id,
                title="Secret",
                body="...",
                published_at=day,
                author_id=member.id,
            ),
            Proposal(
                component_id=secret.id,
                title="Secret 2",
                body="...",
                published_at=day,
                author_id=member.id,
            ),
        ]
    )
    session.flush()
    session.add(Support(proposal_id=proposal.id, component_id=proposals.id, user_id=bruno.id))
    budget = Budget(component_id=budgets.id, title={"fr": "Budget"}, amount=1000)
    meeting = Meeting(
        component_id=meetings.id,
        title={"en": "Workshop"},
        start_at=day,
        end_at=day + dt.timedelta(hours=2),
    )
    session.add_all([budget, meeting])
    session.flush()
    session.add_all(
        [
            Ballot(budget_id=budget.id, voter_id=chloe.id, status=CAST, cast_at=day),
            Registration(meeting_id=meeting.id, user_id=ana.id, code="R1"),
        ]
    )
    session.commit()
    return {"public": public, "private": private, "member": member, "north": north}


def figure(page: str, label: str) -> str:
    """The value shown after a figure's label in the ``<dl class="figures">``."""
    tail = page.split(f"<dt>{label}</dt>", 1)[1]
    return tail.split("<dd>", 1)[1].split("</dd>", 1)[0]


def test_organization_page_adds_up_every_plugin(client, city) -> None:
    page = client.get("/statistics", headers=EN).text
    assert figure(page, "Participants") == "3"  # ana counted once: author and registered
    assert figure(page, "Contributions") == "1"
    assert figure(page, "Supports") == "1"
    assert figure(page, "Votes") == "1"
    assert figure(page, "Registrations") == "1"
    assert "Last updated on" in page
    assert '<svg viewBox="0 0 600 240" role="img"' in page
    assert "Contributions by day" in page  # the chart's data table


def test_space_page_counts_its_own_figures(client, city) -> None:
    page = client.get("/spaces/open/statistics", headers=EN).text
    assert figure(page, "Participants") == "3"
    assert "Open space" in page


def test_private_space_never_counted_for_outsiders(client, city, make_user) -> None:
    for who in (None, make_user(name="resident", email="r@example.org")):
        if who is not None:
            client.sign_in(who)
        assert figure(client.get("/statistics", headers=EN).text, "Contributions") == "1"
        assert client.get("/spaces/closed/statistics", headers=EN).status_code == 404
    # Its members see their space's own page; the organization's page still leaves it out.
    client.sign_in(city["member"])
    assert figure(client.get("/spaces/closed/statistics", headers=EN).text, "Contributions") == "2"
    assert figure(client.get("/statistics", headers=EN).text, "Contributions") == "1"


def test_territories_only_when_the_organization_allows(client, session, city) -> None:
    assert "North district" not in client.get("/statistics", headers=EN).text
    session.add(OpenDataSettings(id=1, territory_statistics=True))
    session.commit()
    page = client.get("/statistics", headers=EN).text
    assert "Figures by territory" in page and "North district" in page


def test_staff_see_age_groups_never_below_ten(client, session, city, make_user) -> None:
    voters = [make_user(name=f"v{i}", email=f"v{i}@example.org") for i in range(12)]
    budget = session.query(Budget).one()
    today = dt.date.today()
    for index, voter in enumerate(voters):
        session.add(
            Ballot(budget_id=budget.id, voter_id=voter.id, status=CAST, cast_at=api.utcnow())
        )
        birth = today.replace(year=today.year - (40 if index < 11 else 20))
        session.add(
            Authorization(
                user_id=voter.id, handler="birth_date", data={"birth_date": birth.isoformat()}
            )
        )
    session.commit()
    assert "age group" not in client.get("/statistics", headers=EN).text
    client.sign_in(make_user(name="admin", email="admin@example.org", roles=["admin"]))
    page = client.get("/statistics", headers=EN).text
    assert "Participants by age group" in page
    assert '<th scope="row">30 to 44</th><td>11</td>' in page
    assert '<th scope="row">18 to 29</th><td>fewer than 10</td>' in page


def test_a_failing_plugin_leaves_the_page_standing(client, city, monkeypatch) -> None:
    import pnyx_budgets.plugin

    def broken(components, session):
        raise RuntimeError("boom")

    monkeypatch.setattr(pnyx_budgets.plugin, "statistics_figures", broken)
    page = client.get("/statistics", headers=EN)
    assert page.status_code == 200
    assert figure(page.text, "Contributions") == "1"
    assert "<dt>Votes</dt>" not in page.text


def test_staff_choose_licence_and_territories(client, session, make_user) -> None:
    client.sign_in(make_user(name="admin", email="admin@example.org", roles=["admin"]))
    assert client.get("/admin/open-data", headers=EN).status_code == 200
    data = {"licence": "odbl-1.0", "territory_statistics": "true"}
    assert client.post_form("/admin/open-data", data=data).status_code == 302
    row = session.get(OpenDataSettings, 1)
    session.refresh(row)
    assert (row.licence, row.territory_statistics) == ("odbl-1.0", True)
    refused = client.post_form("/admin/open-data", data={"licence": "proprietary"})
    assert refused.status_code == 400


def test_residents_may_not_change_open_data_settings(client, make_user) -> None:
    client.sign_in(make_user(name="resident", email="r@example.org"))
    assert client.get("/admin/open-data").status_code == 403
