"""A person's data: the archive's proposals part, and what deleting the account leaves."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.personal_data.deletion import delete_account
from pnyx.testing import PnyxClient
from pnyx_proposals.models import Amendment, AmendmentSupport, Coauthor, Proposal, Report, Support
from pnyx_proposals.plugin import export_user_data


def test_the_archive_holds_the_persons_proposals_supports_and_reports(
    session: Session,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
) -> None:
    ada, other = make_user(), make_user()
    mine = add_proposal("Mine", author=ada)
    add_proposal("My draft", author=ada, published=False)
    theirs = add_proposal("Theirs", author=other)
    session.add(Support(proposal_id=theirs.id, component_id=theirs.component_id, user_id=ada.id))
    session.add(Report(proposal_id=theirs.id, user_id=ada.id, reason="spam", details="Ads"))
    session.add(Support(proposal_id=mine.id, component_id=mine.component_id, user_id=other.id))
    session.commit()

    files = export_user_data(ada)

    assert files is not None
    assert [row["title"] for row in files["proposals.csv"]] == ["Mine", "My draft"]
    assert [row["proposal_id"] for row in files["supports.csv"]] == [theirs.id]
    assert files["reports.csv"][0]["details"] == "Ads"
    assert export_user_data(make_user()) is None


def test_deleting_an_account_keeps_proposals_and_supports_but_not_the_person(
    client: PnyxClient,
    session: Session,
    url: str,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
) -> None:
    ada = make_user(name="Ada Lovelace")
    mine = add_proposal("Bike racks", author=ada)
    add_proposal("My draft", author=ada, published=False)
    theirs = add_proposal("Theirs", author=make_user())
    session.add(Support(proposal_id=theirs.id, component_id=theirs.component_id, user_id=ada.id))
    session.add(Report(proposal_id=theirs.id, user_id=ada.id, reason="spam", details="Ads"))
    theirs.supports_count = 1
    session.commit()

    delete_account(session, ada)
    session.commit()

    assert session.scalar(select(func.count()).select_from(Proposal)) == 2  # the draft is gone
    support = session.scalar(select(Support))
    assert support is not None and support.user_id is None
    session.refresh(theirs)
    assert theirs.supports_count == 1  # it keeps counting
    report = session.scalar(select(Report))
    assert report is not None and (report.user_id, report.details) == (None, "")
    page = client.get(f"{url}{mine.id}/").text
    assert "Deleted participant" in page and "Ada Lovelace" not in page


def test_amendments_and_coauthorships_are_in_the_archive_and_leave_with_the_account(
    session: Session,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
) -> None:
    ada, other = make_user(), make_user()
    theirs = add_proposal("Theirs", author=other)
    amendment = Amendment(
        proposal_id=theirs.id,
        component_id=theirs.component_id,
        author_id=ada.id,
        title="Theirs",
        body="A better text, longer.",
        old_title="Theirs",
        old_body=theirs.body,
        supports_count=1,
    )
    session.add(amendment)
    session.flush()
    session.add(AmendmentSupport(amendment_id=amendment.id, user_id=ada.id))
    session.add(Coauthor(proposal_id=theirs.id, user_id=ada.id, status="accepted"))
    session.commit()

    files = export_user_data(ada)
    assert files is not None
    assert files["amendments.csv"][0]["body"] == "A better text, longer."
    assert [row["amendment_id"] for row in files["amendment_supports.csv"]] == [amendment.id]
    assert files["coauthorships.csv"][0]["status"] == "accepted"

    delete_account(session, ada)
    session.commit()
    assert session.scalar(select(func.count()).select_from(Coauthor)) == 0
    assert session.scalar(select(AmendmentSupport.user_id)) is None
    assert session.get(Amendment, amendment.id).supports_count == 1  # it keeps counting
