"""Admin: list and filters, merging duplicates, importing, exports, statistics."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_proposals.models import Proposal, Support
from pnyx_proposals.texts.models import TextVersion


@pytest.fixture
def admin(client: PnyxClient, make_user: Callable[..., api.User]) -> api.User:
    user = make_user(name="Admin", roles=["admin"])
    client.sign_in(user)
    return user


def support(session: Session, proposal: Proposal, *people: api.User) -> None:
    for person in people:
        session.add(
            Support(proposal_id=proposal.id, component_id=proposal.component_id, user_id=person.id)
        )
    proposal.supports_count += len(people)
    session.commit()


def test_the_admin_list_filters(
    client: PnyxClient,
    admin_url: str,
    add_proposal: Callable[..., Proposal],
    terms: dict[str, api.TaxonomyTerm],
    admin: api.User,
) -> None:
    add_proposal("Tours bikes", territory=terms["37261-nord"])
    hidden = add_proposal("Hidden one", hidden_at=api.utcnow())
    add_proposal("A draft", published=False)
    page = client.get(admin_url).text
    assert "Tours bikes" in page and "Hidden one" in page and "A draft" not in page
    assert "Tours bikes" in client.get(f"{admin_url}?territory={terms['37261'].id}").text
    assert "Tours bikes" not in client.get(f"{admin_url}?territory={terms['37018'].id}").text
    assert "Tours bikes" not in client.get(f"{admin_url}?state=hidden").text
    assert "Hidden one" in client.get(f"{admin_url}?q=%23{hidden.id}").text


def test_merging_duplicates_moves_supports_once(
    client: PnyxClient,
    session: Session,
    url: str,
    admin_url: str,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
    admin: api.User,
) -> None:
    kept, duplicate = add_proposal("Bike lane"), add_proposal("Cycle path")
    ada, bob, cy = make_user(), make_user(), make_user()
    support(session, kept, ada, bob)
    support(session, duplicate, bob, cy)

    form = {"ids": [str(kept.id), str(duplicate.id)], "target": str(kept.id)}
    asked = client.post_form(f"{admin_url}merge", form)  # issue 10 item 2: asks first
    assert asked.status_code == 200 and "A merge cannot be undone." in asked.text
    assert duplicate.merged_into_id is None
    client.post_form(f"{admin_url}merge", {**form, "confirmed": "yes"})

    session.refresh(kept)
    session.refresh(duplicate)
    assert kept.supports_count == 3 and duplicate.supports_count == 0
    assert duplicate.merged_into_id == kept.id
    rows = select(func.count()).where(Support.proposal_id == kept.id)
    assert session.scalar(rows) == 3
    assert "Cycle path" not in client.get(url).text
    page = client.get(f"{url}{duplicate.id}/").text
    assert "This proposal was merged into another one" in page and "Bike lane" in page
    assert "Cycle path" in client.get(f"{url}{kept.id}/").text  # linked back


def test_merging_needs_a_kept_proposal_among_the_ticked(
    client: PnyxClient,
    session: Session,
    admin_url: str,
    add_proposal: Callable[..., Proposal],
    admin: api.User,
) -> None:
    first, second = add_proposal("One"), add_proposal("Two")
    for target in (second, first):
        form = {"ids": [str(first.id)], "target": str(target.id), "confirmed": "yes"}
        client.post_form(f"{admin_url}merge", form)
    assert session.scalar(select(func.count()).where(Proposal.merged_into_id.is_not(None))) == 0


def test_importing_from_another_component_once(
    client: PnyxClient,
    session: Session,
    admin_url: str,
    component: api.Component,
    make_component: Callable[..., api.Component],
    add_proposal: Callable[..., Proposal],
    terms: dict[str, api.TaxonomyTerm],
    admin: api.User,
) -> None:
    source = make_component("proposals", name={"fr": "Idées", "en": "Ideas"})
    add_proposal("Accepted", target=source, state="accepted", themes=[terms["culture"]])
    add_proposal("Rejected", target=source, state="rejected")
    add_proposal("Hidden", target=source, state="accepted", hidden_at=api.utcnow())
    assert "Ideas" in client.get(f"{admin_url}import").text

    for _ in range(2):
        client.post_form(f"{admin_url}import", {"source": str(source.id), "only_accepted": "1"})

    copies = list(session.scalars(select(Proposal).where(Proposal.component_id == component.id)))
    assert [(c.title, c.state, [t.code for t in c.themes]) for c in copies] == [
        ("Accepted", "not_answered", ["culture"])
    ]
    assert client.post_form(f"{admin_url}import", {"source": "999"}).status_code == 400


def test_a_participatory_text_is_not_a_source_of_proposals_to_import(
    client: PnyxClient,
    session: Session,
    admin_url: str,
    component: api.Component,
    make_component: Callable[..., api.Component],
    add_proposal: Callable[..., Proposal],
    admin: api.User,
) -> None:
    """Changer Lyon's workshops imported the Appel's articles as proposals titled 'Article 2 —
    ...', cut off from their text."""
    text = make_component("proposals", name={"fr": "Texte de l’Appel", "en": "The Call"})
    session.add(TextVersion(component_id=text.id, number=1, title="Appel", source="markdown"))
    add_proposal("Article 1 — Decide together", target=text, state="accepted")
    session.commit()
    assert "The Call" not in client.get(f"{admin_url}import").text

    response = client.post_form(f"{admin_url}import", {"source": str(text.id)})

    assert response.status_code == 400
    assert "There is no other proposals component to import from." in response.text
    assert not session.scalars(select(Proposal).where(Proposal.component_id == component.id)).all()


def test_exports_hold_no_personal_data(
    client: PnyxClient,
    session: Session,
    url: str,
    admin_url: str,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
    terms: dict[str, api.TaxonomyTerm],
    admin: api.User,
) -> None:
    author = make_user(name="Ada Secret", email="ada.secret@example.org")
    add_proposal(
        '=HYPERLINK("http://evil")',
        author=author,
        territory=terms["37018"],
        themes=[terms["mobility"]],
        answer_text={"en": "Draft answer"},
        answer_state="accepted",
    )
    response = client.get(f"{admin_url}export.csv")
    text = response.text
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert "Ada Secret" not in text and "ada.secret" not in text
    assert "Draft answer" not in text  # not published yet
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert row["title"].startswith("'=HYPERLINK")  # never a formula in a spreadsheet
    assert (row["territory_code"], row["theme_codes"]) == ("37018", "mobility")
    [record] = json.loads(client.get(f"{url}open-data.json").text)
    assert "author" not in json.dumps(record) and record["territory"] == "Amboise"


def test_statistics_per_territory_and_theme(
    client: PnyxClient,
    admin_url: str,
    add_proposal: Callable[..., Proposal],
    terms: dict[str, api.TaxonomyTerm],
    admin: api.User,
) -> None:
    add_proposal("One", territory=terms["37018"], themes=[terms["culture"]], supports_count=4)
    add_proposal("Two", territory=terms["37018"], themes=[terms["culture"]], supports_count=1)
    page = client.get(f"{admin_url}statistics").text
    assert "By territory" in page and "Amboise</th><td>2</td><td>5</td>" in page
    assert "Culture</th><td>2</td><td>5</td>" in page


def test_deleting_the_component_is_blocked_by_published_proposals(
    session: Session, component: api.Component, add_proposal: Callable[..., Proposal], app: object
) -> None:
    from pnyx_proposals.plugin import deletion_blocker

    assert deletion_blocker(session, component) is None
    add_proposal()
    assert deletion_blocker(session, component)
