"""Schemathesis against the API's own OpenAPI document (issue 21 item 4): for every
operation, generated requests (valid and invalid parameters) never get a 5xx, and every
answer matches the document (status code, content type, schema).

A few examples per operation here, so the suite stays quick; ``make fuzz`` runs many more
(``PNYX_FUZZ_EXAMPLES``).
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from pnyx import api
from pnyx.models import TaxonomyTerm
from pnyx_budgets.models import Budget, Project
from pnyx_meetings.models import Meeting
from pnyx_proposals.models import Proposal

pytestmark = pytest.mark.pnyx_plugins("proposals", "budgets", "meetings")
EXAMPLES = int(os.environ.get("PNYX_FUZZ_EXAMPLES", "8"))


@pytest.fixture
def pnyx_config():
    return {"API_RATE_LIMIT": "100000/minute"}


@pytest.fixture
def city(app, session, make_organization, make_space, make_component, make_user):
    """A small city: one of each record, a deleted author, a private space."""
    make_organization()
    term = TaxonomyTerm(kind="territory", name={"en": "North"}, code="north")
    session.add(term)
    space = make_space(slug="open")
    private = make_space(slug="closed", private=True)
    proposals = make_component(space, "proposals")
    budgets = make_component(space, "budgets")
    meetings = make_component(space, "meetings")
    secret = make_component(private, "proposals")
    author = make_user(name="Ana", email="ana@example.org")
    gone = make_user(name="Gone", email="gone@example.org", deleted_at=api.utcnow())
    session.flush()
    now = api.utcnow()
    budget = Budget(component_id=budgets.id, title={"fr": "Budget"}, amount=1000)
    session.add_all(
        [
            Proposal(
                component_id=proposals.id,
                title="Bancs",
                body="...",
                published_at=now,
                author_id=author.id,
                territory_id=term.id,
            ),
            Proposal(
                component_id=proposals.id,
                title="Arbres",
                body="...",
                published_at=now,
                author_id=gone.id,
            ),
            Proposal(component_id=secret.id, title="Secret", body="...", published_at=now),
            Meeting(component_id=meetings.id, title={"fr": "Atelier"}, start_at=now, end_at=now),
            budget,
        ]
    )
    session.flush()
    session.add(Project(budget_id=budget.id, title={"fr": "Parc"}, cost=100))
    session.commit()


def check_operation(operation) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case) -> None:
        case.call_and_validate()

    check()


def test_api_matches_its_document(app, city) -> None:
    # Schemathesis' own pytest integration (``from_fixture``) does not run on pytest 9 yet:
    # each operation is driven through its Hypothesis strategy here instead.
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:
        check_operation(operation)
