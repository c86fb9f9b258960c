"""The plugins' importers (issue 12, item 3): ``pnyx import proposals:proposals``,
``meetings:meetings`` (with registrations) and ``budgets:projects``, offered through the
``register_importers`` hook and run by the core (checked first, idempotent, batched)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pnyx.models import TaxonomyTerm

pytestmark = pytest.mark.pnyx_plugins("proposals", "meetings", "budgets")


def write(path: Path, text: str) -> str:
    path.write_text(text.strip() + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def terms(session) -> None:
    session.add_all(
        [
            TaxonomyTerm(kind="territory", code="37261", name={"fr": "Tours"}),
            TaxonomyTerm(kind="theme", code="mobility", name={"fr": "Mobilité"}),
            TaxonomyTerm(kind="theme", code="nature", name={"fr": "Nature"}),
        ]
    )
    session.commit()


def test_the_hook_offers_every_importer(app) -> None:
    registry = app.extensions["pnyx.plugins"].registry
    assert set(registry.importers) == {
        "people",
        "proposals:proposals",
        "meetings:meetings",
        "budgets:projects",
    }


def test_proposals_with_territory_and_themes(
    cli_runner, session, make_space, make_component, make_user, terms, tmp_path
):
    from pnyx_proposals.models import Proposal

    component = make_component(make_space(), "proposals")
    make_user(email="author@city.example")
    path = write(
        tmp_path / "proposals.csv",
        """
external_id;title;body;territory;themes;author_email
P1;Des pistes cyclables;Le long du Cher.;37261;mobility|nature;author@city.example
P2;Un jardin partagé;Rue des Lilas.;;;
""",
    )
    args = ["import", "proposals:proposals", path, "--component", str(component.id)]
    result = cli_runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert "2 rows: 2 created" in result.output
    first = session.scalar(select(Proposal).where(Proposal.title == "Des pistes cyclables"))
    assert first.territory.code == "37261"
    assert sorted(t.code for t in first.themes) == ["mobility", "nature"]
    assert first.author.email == "author@city.example" and first.published_at is not None
    again = cli_runner.invoke(args=args)
    assert "2 rows: 0 created, 2 already imported" in again.output
    assert session.scalar(select(func.count()).select_from(Proposal)) == 2


def test_proposals_need_their_component(cli_runner, tmp_path) -> None:
    path = write(tmp_path / "p.csv", "external_id,title,body\nP1,T,B")
    result = cli_runner.invoke(args=["import", "proposals:proposals", path])
    assert result.exit_code == 1
    assert "give its number with --component" in result.output


def test_proposals_errors_stop_everything(
    cli_runner, session, make_space, make_component, terms, tmp_path
):
    from pnyx_proposals.models import Proposal

    component = make_component(make_space(), "proposals")
    path = write(
        tmp_path / "proposals.csv",
        """
external_id,title,body,themes,author_email
P1,Good,Body,,
P2,,Body,,
P3,Themes,Body,mobility|parking,
P4,Author,Body,,ghost@city.example
""",
    )
    result = cli_runner.invoke(
        args=["import", "proposals:proposals", path, "--component", str(component.id)]
    )
    assert result.exit_code == 1
    assert "line 3: the title is empty" in result.output
    assert "line 4: unknown theme code 'parking'" in result.output
    assert "line 5: no account uses the author's address ghost@city.example" in result.output
    assert session.scalar(select(func.count()).select_from(Proposal)) == 0


def test_meetings_with_registrations(
    cli_runner, session, make_space, make_component, make_user, make_organization, terms, tmp_path
):
    from pnyx_meetings.models import Meeting, Registration

    make_organization()
    component = make_component(make_space(), "meetings")
    make_user(email="ana@city.example")
    make_user(email="bo@city.example")
    path = write(
        tmp_path / "meetings.csv",
        """
external_id;title;start_at;end_at;territory;themes;capacity;registrations
M1;Atelier vélo;2026-10-01 18:30;2026-10-01 20:00;37261;mobility;30;ana@city.example|bo@city.example
M2;Balade nature;2026-10-03 10:00;2026-10-03 12:00;;nature;;
""",
    )
    args = ["import", "meetings:meetings", path, "--component", str(component.id)]
    result = cli_runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    workshop = session.scalar(select(Meeting).where(Meeting.capacity == 30))
    assert workshop.title == {"fr": "Atelier vélo"}
    # 18:30 in Paris in October (UTC+2) is 16:30 UTC.
    assert workshop.start_at.replace(tzinfo=dt.UTC) == dt.datetime(
        2026, 10, 1, 16, 30, tzinfo=dt.UTC
    )
    seats = session.scalars(select(Registration).where(Registration.meeting_id == workshop.id))
    codes = [seat.code for seat in seats]
    assert len(codes) == 2 and len(set(codes)) == 2
    assert "0 created, 2 already imported" in cli_runner.invoke(args=args).output


def test_meetings_registrations_must_be_accounts_and_fit(
    cli_runner, make_space, make_component, make_organization, tmp_path
):
    make_organization()
    component = make_component(make_space(), "meetings")
    path = write(
        tmp_path / "meetings.csv",
        """
external_id,title,start_at,end_at,capacity,registrations
M1,A,2026-10-01 18:30,2026-10-01 17:00,,
M2,B,2026-10-01 18:30,2026-10-01 20:00,1,a@city.example|b@city.example
M3,C,2026-10-01 18:30,2026-10-01 20:00,,nobody@city.example
""",
    )
    result = cli_runner.invoke(
        args=["import", "meetings:meetings", path, "--component", str(component.id)]
    )
    assert result.exit_code == 1
    assert "line 2: end_at is not after start_at" in result.output
    assert "line 3: 2 registrations for 1 seats" in result.output
    assert "line 4: no account uses nobody@city.example" in result.output


def test_budget_projects(
    cli_runner, session, budgets_component, budgets_make_budget, terms, tmp_path
):
    from pnyx_budgets.models import Project

    budget = budgets_make_budget(amount=100_000)
    path = write(
        tmp_path / "projects.csv",
        """
external_id;code;title_fr;cost;territory_code;theme_codes
X1;P1;Jardin partagé;45000;37261;nature
X2;P2;Pistes;1250,50;;mobility
""",
    )
    args = ["import", "budgets:projects", path, "--component", str(budgets_component.id)]
    result = cli_runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    projects = session.scalars(select(Project).where(Project.budget_id == budget.id)).all()
    assert sorted((p.code, p.cost) for p in projects) == [("P1", 4_500_000), ("P2", 125_050)]
    assert "0 created, 2 already imported" in cli_runner.invoke(args=args).output


def test_budget_projects_codes_are_checked(
    cli_runner, budgets_component, budgets_make_budget, budgets_make_project, tmp_path
):
    budget = budgets_make_budget(amount=100_000)
    budgets_make_project(budget, code="P1")
    path = write(
        tmp_path / "projects.csv",
        """
external_id,code,title_fr,cost
X1,P1,Déjà là,10
X2,P2,Deux fois,10
X3,P2,Deux fois,10
X4,P4,Cher,beaucoup
""",
    )
    result = cli_runner.invoke(
        args=["import", "budgets:projects", path, "--component", str(budgets_component.id)]
    )
    assert result.exit_code == 1
    assert "line 2: the budget already has a project with the code P1" in result.output
    assert "line 4: the code P2 is already on line 3" in result.output
    assert "line 5: The cost is not an amount" in result.output
