"""Touraine as an integrator runs it: migrated, seeded, every page answering, its signature."""

from __future__ import annotations

import re

from sqlalchemy import select

from pnyx import api
from pnyx.testing.distributions import SeededInstance, contrast_problems
from pnyx.verification.requirements import unmet
from pnyx.written_language import texts_without_language
from pnyx_budgets.models import Budget, Project
from pnyx_proposals.models import Proposal


def test_seeded_through_the_command_line(touraine: SeededInstance) -> None:
    assert "Seeded distribution touraine" in touraine.seed_output


def test_every_page_answers_for_anonymous_and_a_resident(touraine: SeededInstance) -> None:
    touraine.check_public_pages()
    touraine.check_public_pages(touraine.resident)


def test_theme_colours_contrast() -> None:
    from pnyx_dist_touraine import distribution

    assert contrast_problems(distribution) == []


def test_theme_logo_and_colours_are_served(touraine: SeededInstance) -> None:
    client = touraine.client()
    home = client.get("/").text
    assert 'src="/static/touraine/logo.svg" alt=""' in home
    assert 'href="/static/theme.css"' in home
    logo = client.get("/static/touraine/logo.svg")
    assert logo.status_code == 200 and b"<svg" in logo.data


def budgets_page(touraine: SeededInstance) -> str:
    """The vote component's page, found from the process page as a resident would."""
    space = touraine.client(locale="en").get("/spaces/budget-participatif-touraine").text
    return next(
        link
        for link in re.findall(r'href="(/spaces/budget-participatif-touraine/budgets/\d+/)"', space)
    )


def test_a_17_year_old_may_vote_in_both_budgets_a_40_year_old_in_one(
    touraine: SeededInstance,
) -> None:
    url = budgets_page(touraine)
    lea = touraine.client("lea@touraine.pnyx.test", locale="en").get(url).text
    marc = touraine.client("marc@touraine.pnyx.test", locale="en").get(url).text
    assert "Youth budget (17 and under)" in lea and "Budget for everyone" in lea
    assert lea.count("You may vote in this budget.") == 2
    assert marc.count("You may vote in this budget.") == 1
    assert "17 or under" in marc


def test_the_vote_needs_a_residence_in_indre_et_loire(touraine: SeededInstance) -> None:
    with touraine.app.app_context():
        session = api.db_session()
        # The open vote's component comes first; last year's edition is the second one.
        first = select(Budget.component_id).order_by(Budget.component_id).limit(1)
        query = select(Budget).where(Budget.component_id == first.scalar_subquery())
        youth, everyone = session.scalars(query.order_by(Budget.position)).all()
        lea, marc = (
            session.scalar(select(api.User).where(api.User.email == email))
            for email in ("lea@touraine.pnyx.test", "marc@touraine.pnyx.test")
        )
        assert api.decide(lea, "budgets.vote", youth).allowed
        assert api.decide(lea, "budgets.vote", everyone).allowed
        assert not api.decide(marc, "budgets.vote", youth).allowed
        assert api.decide(marc, "budgets.vote", everyone).allowed
        requirements = everyone.component.permissions["budgets.vote"]["authorizations"]
        assert requirements[0]["handler"] == "residence"


def test_age_sections_of_proposals(touraine: SeededInstance) -> None:
    """The under-18s write in their own section; everyone (Léa too) in the other one."""
    with touraine.app.app_context():
        session = api.db_session()
        youth, everyone = session.scalars(
            select(api.Component)
            .where(api.Component.type == "proposals")
            .order_by(api.Component.weight)
        ).all()
        lea, marc = (
            session.scalar(select(api.User).where(api.User.email == email))
            for email in ("lea@touraine.pnyx.test", "marc@touraine.pnyx.test")
        )
        rules = youth.permissions["proposals.create"]["authorizations"]
        assert {rule["handler"] for rule in rules} == {"birth_date", "residence"}
        # Writing is closed in the vote's phase: the sections' verifications are what is
        # checked here (the phase's gate comes first in api.decide).
        for section, writers, others in ((youth, [lea], [marc]), (everyone, [lea, marc], [])):
            required = api.verification.requirements_for("proposals.create", section)
            assert all(unmet(person, required) is None for person in writers)
            assert all(unmet(person, required) is not None for person in others)
    page = touraine.client(locale="fr").get(
        f"/spaces/budget-participatif-touraine/proposals/{youth.id}/"
    )
    assert "Un skatepark aux Deux-Lions" in page.text
    communes = touraine.client(locale="fr").get(
        f"/spaces/budget-participatif-touraine/proposals/{everyone.id}/"
    )
    assert "Joué-lès-Tours" in communes.text


def test_every_project_comes_from_a_proposal_of_its_commune(touraine: SeededInstance) -> None:
    with touraine.app.app_context():
        session = api.db_session()
        first = select(Budget.component_id).order_by(Budget.component_id).limit(1)
        projects = session.scalars(
            select(Project)
            .join(Budget, Budget.id == Project.budget_id)
            .where(Budget.component_id == first.scalar_subquery())
        ).all()
        assert len(projects) == 20
        for project in projects:
            linked = api.links.linked_ids(
                session, "budgets.from_proposal", source=("budgets_project", project.id)
            )
            assert len(linked) == 1, project.code
            proposal = session.get(Proposal, int(linked[0]))
            assert proposal.territory_id == project.territory_id
            assert proposal.state == "accepted"


def test_residents_discuss_proposals_and_the_departement_answers(
    touraine: SeededInstance,
) -> None:
    with touraine.app.app_context():
        proposal = api.db_session().scalar(
            select(Proposal).where(Proposal.title == "Un skatepark aux Deux-Lions")
        )
        url = (
            f"/spaces/budget-participatif-touraine/proposals/{proposal.component_id}/{proposal.id}/"
        )
    page = touraine.client(locale="fr").get(url).text
    assert "un bowl pour les trottinettes" in page
    assert "réunion avec les riverains" in page


def test_last_years_results_and_follow_up_are_public(touraine: SeededInstance) -> None:
    with touraine.app.app_context():
        past = api.db_session().scalar(select(Budget).order_by(Budget.component_id.desc()))
        url = f"/spaces/budget-participatif-touraine/budgets/{past.component_id}/{past.id}/"
    client = touraine.client(locale="en")
    results = client.get(url + "results").text
    assert "Method of Equal Shares" in results and "Selected projects" in results
    follow_up = client.get(url + "follow-up").text
    assert "Progress" in follow_up and "Done" in follow_up


def test_every_text_residents_wrote_says_its_language(touraine) -> None:
    """On the English pages their French was not marked lang="fr" (WCAG 3.1.2)."""
    with touraine.app.app_context():
        assert texts_without_language(api.db_session()) == {}
