"""Admin: budgets and projects, eligibility, frozen figures once ballots exist, imports,
exports and statistics."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from pnyx import api
from pnyx.testing.files import PHP, png
from pnyx_budgets.models import Ballot, Budget, Project

pytestmark = pytest.mark.pnyx_plugins("budgets")


def test_admin_creates_a_budget_in_minor_units(
    budget_form, budgets_client, budgets_admin_url, admin, session
):
    response = budgets_client.post_form(f"{budgets_admin_url}budgets/new", data=budget_form())
    assert response.status_code == 303
    budget = session.scalar(select(Budget))
    assert budget.amount == 30_000_000 and budget.max_total == 30_000_000
    assert budget.title == {"fr": "Budget jeunes", "en": "Youth budget"}


def test_budget_errors_stay_next_to_their_fields(
    budget_form, budgets_client, budgets_admin_url, admin, session
):
    data = budget_form(amount="12.345", rule="mes-add1", vote_type="cumulative")
    response = budgets_client.post_form(f"{budgets_admin_url}budgets/new", data=data)
    assert response.status_code == 400
    assert "The Method of Equal Shares needs an approval ballot." in response.text
    assert 'value="12.345"' in response.text
    assert session.scalar(select(Budget)) is None


def test_amounts_rules_and_costs_freeze_once_a_ballot_exists(
    budget_form,
    budgets_client,
    budgets_admin_url,
    admin,
    session,
    budgets_make_budget,
    budgets_make_project,
):
    budget = budgets_make_budget(amount=100_000)
    project = budgets_make_project(budget, cost=20_000, title="Park")
    session.add(Ballot(budget_id=budget.id, voter_id=admin.id))
    session.commit()
    url = f"{budgets_admin_url}{budget.id}/edit"
    refused = budgets_client.post_form(url, data=budget_form(amount="2000", max_total="1000"))
    assert (
        refused.status_code == 400 and "Ballots exist: this can no longer change." in refused.text
    )
    renamed = budgets_client.post_form(
        url, data=budget_form(amount="1000", max_total="1000", **{"title.en": "Renamed"})
    )
    assert renamed.status_code == 303
    session.refresh(budget)
    assert budget.amount == 100_000 and budget.title["en"] == "Renamed"

    edit = f"{budgets_admin_url}{budget.id}/projects/{project.id}/edit"
    project_data = {"title.fr": "Parc", "cost": "300", "position": "0"}
    refused = budgets_client.post_form(edit, data=project_data)
    assert refused.status_code == 400 and "nor their costs changed" in refused.text
    assert budgets_client.post_form(edit, data={**project_data, "cost": "200"}).status_code == 303
    deleted = budgets_client.post_form(
        f"{budgets_admin_url}{budget.id}/projects/{project.id}/delete", {"confirmed": "yes"}
    )
    assert deleted.status_code == 303
    assert session.get(Project, project.id) is not None
    assert budgets_client.post_form(f"{budgets_admin_url}{budget.id}/delete").status_code == 303
    assert session.get(Budget, budget.id) is not None


def test_eligibility_is_stored_as_budget_permissions(
    budgets_client, budgets_admin_url, admin, session, budgets_make_budget
):
    budget = budgets_make_budget()
    budget.permissions = {"budgets.vote": {"authorizations": [{"handler": "other", "options": {}}]}}
    session.commit()
    url = f"{budgets_admin_url}{budget.id}/eligibility"
    assert budgets_client.get(url).status_code == 200
    wrong = budgets_client.post_form(url, data={"minimum_age": "18", "maximum_age": "17"})
    assert wrong.status_code == 400 and "must not be below" in wrong.text
    assert budgets_client.post_form(url, data={"maximum_age": "17"}).status_code == 303
    session.refresh(budget)
    assert budget.permissions["budgets.vote"]["authorizations"] == [
        {"handler": "birth_date", "options": {"minimum_age": None, "maximum_age": 17}},
        {"handler": "other", "options": {}},
    ]


def test_projects_are_created_with_themes_and_an_image(
    budgets_client, budgets_admin_url, admin, session, budgets_make_budget
):
    budget = budgets_make_budget()
    theme = api.TaxonomyTerm(kind="theme", code="green", name={"en": "Green"})
    session.add(theme)
    session.commit()
    data = {
        "title.fr": "Parc",
        "title.en": "Park",
        "cost": "1 250,50",
        "themes": [str(theme.id)],
        "position": "0",
        "image": (io.BytesIO(png(320, 160)), "park.png"),
    }
    url = f"{budgets_admin_url}{budget.id}/projects/new"
    # An image without its alternative text is refused, and the project is not created.
    refused = budgets_client.post_form(url, data=data)
    assert refused.status_code == 400 and "alt text" in refused.text
    assert session.scalar(select(Project)) is None
    data = {**data, "image": (io.BytesIO(png(320, 160)), "park.png"), "image_alt.en": "A lawn"}
    response = budgets_client.post_form(url, data=data)
    assert response.status_code == 303
    project = session.scalar(select(Project))
    assert project.cost == 125_050 and [t.code for t in project.themes] == ["green"]
    cover = api.attachments.cover("budgets_project", project.id)
    assert cover.alt == {"en": "A lawn"} and set(cover.thumbnails) == {"small", "medium"}
    space = budget.component.space.slug
    listing = budgets_client.get(f"/spaces/{space}/budgets/{budget.component_id}/{budget.id}/")
    assert f'src="/files/{cover.key}/small" alt="A lawn"' in listing.text
    bad = {**data, "image": (io.BytesIO(PHP), "x.png")}
    refused = budgets_client.post_form(url, data=bad)
    assert refused.status_code == 400 and "named like a PNG file" in refused.text


def test_csv_import_is_idempotent_and_reports_lines(
    budgets_client, budgets_admin_url, admin, session, budgets_make_budget
):
    budget = budgets_make_budget()
    session.add(api.TaxonomyTerm(kind="territory", code="37261", name={"fr": "Tours"}))
    session.commit()
    text = (
        "code;title_fr;title_en;cost;territory_code;theme_codes\n"
        "P1;Jardin;Garden;45000;37261;\n"
        "P2;Banc;Bench;abc;;\n"
        "P3;Piste;Track;1200,50;99999;\n"
    )
    url = f"{budgets_admin_url}{budget.id}/projects/import"
    for _ in range(2):
        response = budgets_client.post_form(
            url, data={"file": (io.BytesIO(text.encode()), "p.csv")}, follow_redirects=True
        )
    assert "Line 3: The cost is not an amount" in response.text
    assert "Line 4: Unknown territory code: 99999." in response.text
    projects = session.scalars(select(Project)).all()
    assert [(p.code, p.cost) for p in projects] == [("P1", 4_500_000)]
    empty = budgets_client.post_form(url, data={})
    assert empty.status_code == 400 and "Choose a CSV file." in empty.text


def test_exports_and_statistics(
    budgets_client, budgets_admin_url, admin, session, budgets_make_budget, budgets_make_project
):
    budget = budgets_make_budget()
    budgets_make_project(budget, title="=HYPERLINK(1)")
    tours = api.TaxonomyTerm(kind="territory", code="37261", name={"fr": "Tours"})
    session.add(tours)
    session.flush()
    session.add(
        Ballot(
            budget_id=budget.id,
            status="cast",
            receipt_code="X",
            age_bracket="0-17",
            territory_id=tours.id,
        )
    )
    session.commit()
    exported = budgets_client.get(f"{budgets_admin_url}{budget.id}/exports/projects.csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert rows[0]["title"].startswith("'") or rows[0]["title"].startswith("{")
    stats = budgets_client.get(f"{budgets_admin_url}{budget.id}/statistics").text
    assert "Tours" in stats and "0-17" in stats and "<td>100%</td>" in stats


def test_project_descriptions_are_rich_text_with_a_preview(
    budgets_client, budgets_admin_url, admin, session, budgets_make_budget
):
    """docs/rich-text.md: "Preview" re-draws the form rendered; the page shows it safe."""
    budget = budgets_make_budget()
    text = "Un **parc** : https://ville.example/parc\n\n[x](javascript:alert(1))"
    data = {"title.fr": "Parc", "description.fr": text, "cost": "100", "position": "0"}
    url = f"{budgets_admin_url}{budget.id}/projects/new"
    preview = budgets_client.post_form(url, data={**data, "preview": "1"})
    assert preview.status_code == 200 and "<strong>parc</strong>" in preview.text
    assert session.scalar(select(Project)) is None
    assert budgets_client.post_form(url, data=data).status_code == 303
    project = session.scalar(select(Project))
    assert project.description == {"fr": text}  # stored as written, rendered when shown
    page = budgets_client.get(
        f"/spaces/{budget.component.space.slug}/budgets/{budget.component_id}/{budget.id}/projects/{project.id}"
    ).text
    assert "<strong>parc</strong>" in page and 'href="javascript' not in page.lower()
    assert "<p>[x](javascript:alert(1))</p>" in page  # refused as a link, kept as text
    # Descriptions may come from residents' proposals: links keep nofollow ugc.
    assert '<a href="https://ville.example/parc" rel="nofollow ugc noopener">' in page


def test_closing_the_vote_asks_for_confirmation_first(
    budgets_client, budgets_component, admin, session
):
    """Issue 10 item 2: ticking "Voting is closed" in the current phase's settings saved at
    once; now a confirmation step names what closing does, then the same values are saved."""
    step = next(s for s in budgets_component.space.steps if s.active)
    url = f"/admin/components/{budgets_component.id}/settings?tab=step-{step.id}"
    data = {f"steps.{step.id}.votes_finished": "on"}
    asked = budgets_client.post_form(url, data)
    assert asked.status_code == 200
    assert "every cast ballot is final" in asked.text
    assert f'name="steps.{step.id}.votes_finished" value="on"' in asked.text
    session.refresh(budgets_component)
    assert str(step.id) not in (budgets_component.settings.get("steps") or {})
    assert budgets_client.post_form(url, {**data, "confirmed": "yes"}).status_code == 302
    session.refresh(budgets_component)
    assert budgets_component.settings["steps"][str(step.id)]["votes_finished"] is True
