"""Angers as an integrator runs it: migrated, seeded, every page answering, its signature."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import func, select

from pnyx import api
from pnyx.testing.crawl import parse_page
from pnyx.testing.distributions import SeededInstance, contrast_problems
from pnyx.written_language import texts_without_language
from pnyx_budgets.models import SELECTED, Budget, Project
from pnyx_surveys.models import Questionnaire, Submission

ADMIN = "admin@angers.pnyx.test"


def test_seeded_through_the_command_line(angers: SeededInstance) -> None:
    assert "Seeded distribution angers" in angers.seed_output


def test_every_page_answers_for_anonymous_and_a_resident(angers: SeededInstance) -> None:
    angers.check_public_pages()
    angers.check_public_pages(angers.resident)


def test_theme_colours_contrast() -> None:
    from pnyx_dist_angers import distribution

    assert contrast_problems(distribution) == []


def test_the_three_editions_are_grouped_on_the_home_page(angers: SeededInstance) -> None:
    year = dt.date.today().year
    home = angers.client(locale="en").get("/").text
    for edition in (year - 2, year - 1, year):
        assert f"Participatory budget {edition}" in home
    # Each edition's card names its group, which lists all three.
    assert home.count('href="/space-groups/budget-participatif"') == 3
    group = angers.client(locale="en").get("/space-groups/budget-participatif").text
    assert "one million euros" in group
    assert f"Participatory budget {year}" in group
    past = angers.client(locale="en").get("/space-groups/budget-participatif?state=past").text
    assert f"Participatory budget {year - 2}" in past


def test_a_winning_project_shows_its_follow_up_progress(angers: SeededInstance) -> None:
    year = dt.date.today().year - 1
    slug = f"budget-participatif-{year}"
    with angers.app.app_context():
        session = api.db_session()
        query = (
            select(Project, Budget.component_id)
            .join(Budget, Budget.id == Project.budget_id)
            .join(api.Component, api.Component.id == Budget.component_id)
            .join(api.Space, api.Space.id == api.Component.space_id)
            .where(api.Space.slug == slug, Project.selection == SELECTED)
            .order_by(Project.position)
        )
        project, component_id = session.execute(query).first()
        url = f"/spaces/{slug}/budgets/{component_id}/{project.budget_id}/projects/{project.id}"
        title, progress = project.title["en"], project.progress
    assert progress == 70
    page = angers.client(locale="en").get(url)
    assert page.status_code == 200
    assert title in page.text
    assert "70" in page.text and "%" in page.text
    assert "Works started" in page.text and "Equipment being installed" in page.text
    follow_up = angers.client(locale="en").get(
        f"/spaces/{slug}/budgets/{component_id}/{project.budget_id}/follow-up"
    )
    assert follow_up.status_code == 200 and title in follow_up.text


def test_the_parking_survey_has_answers_and_a_resident_may_answer(
    angers: SeededInstance,
) -> None:
    space = angers.client(locale="en").get("/spaces/consultations").text
    surveys = set(re.findall(r'href="(/spaces/consultations/surveys/\d+/)"', space))
    assert len(surveys) == 3  # three consultations at once
    parking = re.search(
        r'href="(/spaces/consultations/surveys/\d+/)"[^>]*>\s*Parking in the town centre', space
    )
    assert parking is not None
    results = angers.client(locale="en").get(parking.group(1) + "results")
    assert results.status_code == 200
    # Forty answers; the written ones staff published are quoted.
    assert "Un parking relais près du tram changerait tout pour moi." in results.text
    assert re.search(r"\b40\b", results.text)
    answered = _answer_the_parking_survey(angers, parking.group(1) + "answer")
    assert answered == 41


def _answer_the_parking_survey(angers: SeededInstance, url: str) -> int:
    """The resident answers page by page, as a browser without script would (the first choice
    of each question, then the page's last button: "Next page", then "Send my answers");
    returns how many answers the survey has then."""
    client = angers.client(angers.resident, locale="en")
    page = client.get(url)
    assert "How do you come to the town centre?" in page.text
    for _page in range(3):
        forms = parse_page("http://localhost" + url, page.text)[1]
        form = next(f for f in forms if f.action.endswith(url))
        data = dict(form.default_data())
        for control in form.controls:
            if control.type in ("checkbox", "radio") and control.name not in data:
                data[control.name] = control.value
        data["move"] = [c.value for c in form.controls if c.name == "move"][-1]
        page = client.post(url, data=data, follow_redirects=True)
        assert page.status_code == 200
        if page.request.path != url:
            break
    questionnaire = url.split("/")[-2]
    with angers.app.app_context():
        query = (
            select(func.count())
            .select_from(Submission)
            .join(Questionnaire, Questionnaire.id == Submission.questionnaire_id)
            .where(Questionnaire.component_id == int(questionnaire))
        )
        return api.db_session().scalar(query)


def test_staff_see_age_groups_and_the_newsletters(angers: SeededInstance) -> None:
    staff = angers.client(ADMIN, locale="en")
    statistics = staff.get("/statistics").text
    assert "Participants by age group" in statistics
    # Enough verified participants for groups to be counted, and a small one that is not.
    assert re.search(r"30 to 44</th><td>\d+</td>", statistics)
    assert "fewer than 10" in statistics
    assert "Participants by age group" not in angers.client(locale="en").get("/statistics").text
    newsletters = staff.get("/admin/newsletters/").text
    assert "Participatory budget: the vote opens next week" in newsletters
    assert "Vote results and follow-up" in newsletters


def test_the_resident_may_vote_in_the_current_edition(angers: SeededInstance) -> None:
    space = angers.client(locale="en").get("/spaces/budget-participatif").text
    vote = re.search(r'href="(/spaces/budget-participatif/budgets/\d+/)"', space)
    assert vote is not None
    page = angers.client(angers.resident, locale="en").get(vote.group(1)).text
    assert "You may vote in this budget." in page


def test_ideas_are_closed_during_the_vote(angers: SeededInstance) -> None:
    with angers.app.test_request_context():
        session = api.db_session()
        resident = session.scalar(select(api.User).where(api.User.email == angers.resident))
        current = session.scalar(select(api.Space).where(api.Space.slug == "budget-participatif"))
        ideas, vote = (
            next(c for c in current.components if c.type == kind)
            for kind in ("proposals", "budgets")
        )
        assert not api.decide(resident, "proposals.create", ideas).allowed
        assert api.decide(resident, "proposals.create", ideas).reason
        assert api.current_settings(vote).get("votes_enabled") is True


def test_angers_solidaire_holds_its_neighbours_posts_in_its_districts(
    angers: SeededInstance,
) -> None:
    from pnyx_mutual_aid.models import AidConversation, AidMessage, AidPost

    with angers.app.app_context():
        session = api.db_session()
        posts = session.scalars(
            select(AidPost)
            .join(api.Component, api.Component.id == AidPost.component_id)
            .join(api.Space, api.Space.id == api.Component.space_id)
            .where(api.Space.slug == "angers-solidaire")
            .order_by(AidPost.id)
        ).all()
        conversation = session.scalar(select(AidConversation))
        assert conversation is not None
        helper = session.get(api.User, conversation.responder_id)
        assert helper is not None
        assert len(posts) == 6
        assert all(post.territory_id is not None for post in posts)  # every district known
        assert posts[0].title == "Courses du jeudi" and posts[0].status == "matched"
        assert [post.status for post in posts[1:]] == ["open"] * 5
        assert conversation.post_id == posts[0].id
        assert helper.name == "Malik Traoré"
        where = AidMessage.conversation_id == conversation.id
        assert session.scalar(select(func.count()).select_from(AidMessage).where(where)) == 2


def test_every_text_residents_wrote_says_its_language(angers) -> None:
    """On the English pages their French was not marked lang="fr" (WCAG 3.1.2)."""
    with angers.app.app_context():
        assert texts_without_language(api.db_session()) == {}
