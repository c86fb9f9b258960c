"""A space offers only the themes staff chose for it, in every plugin (issue 18 item 5).

Angers' mutual-aid themes must not appear in Touraine's filters: the core's
``api.taxonomy_terms`` narrows themes to the current space's, so proposals and
budgets get it without code of their own.
"""

from __future__ import annotations

import pytest

from pnyx import api

pytestmark = pytest.mark.pnyx_plugins("budgets", "proposals")


@pytest.fixture
def themes(session) -> dict[str, api.TaxonomyTerm]:
    made = {
        code: api.TaxonomyTerm(kind="theme", code=code, name={"en": name, "fr": name})
        for code, name in (
            ("mobility", "Mobility"),
            ("help", "Neighbourly help"),
            ("shopping", "Shopping for others"),
        )
    }
    session.add_all(made.values())
    session.flush()
    made["shopping"].parent_id = made["help"].id
    session.commit()
    return made


def restrict(session, space: api.Space, *terms: api.TaxonomyTerm) -> None:
    space.themes = list(terms)
    session.commit()


def options(page: str) -> tuple[bool, bool, bool]:
    """Whether each theme shows on the page: (mobility, help, shopping)."""
    return "Mobility" in page, "Neighbourly help" in page, "Shopping for others" in page


def test_budget_filters_show_only_the_space_themes(
    budgets_client, budgets_url, budgets_component, budgets_make_budget, session, themes
) -> None:
    budget = budgets_make_budget()
    url = f"{budgets_url}{budget.id}/"
    assert options(budgets_client.get(url).text) == (True, True, True)
    restrict(session, budgets_component.space, themes["mobility"])
    assert options(budgets_client.get(url).text) == (True, False, False)


def test_proposal_filters_and_form_follow_the_space(
    client, make_component, session, make_user, themes
) -> None:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    touraine = make_component("proposals")
    angers = make_component("proposals")
    restrict(session, touraine.space, themes["mobility"])
    restrict(session, angers.space, themes["help"])  # and the theme below it
    touraine_url = f"/spaces/{touraine.space.slug}/proposals/{touraine.id}/"
    angers_url = f"/spaces/{angers.space.slug}/proposals/{angers.id}/"
    assert options(client.get(touraine_url).text) == (True, False, False)
    assert options(client.get(angers_url).text) == (False, True, True)
    client.sign_in(make_user())
    form = client.get(f"{touraine_url}new").text
    assert options(form) == (True, False, False)
    refused = client.post_form(
        f"{touraine_url}new",
        {"title": "Bike lanes", "body": "Along the river.", "themes": str(themes["help"].id)},
    )
    assert "Choose themes from the list." in refused.text


def test_without_a_choice_every_theme_is_offered(client, make_component, session, themes) -> None:
    component = make_component("proposals")
    page = client.get(f"/spaces/{component.space.slug}/proposals/{component.id}/").text
    assert options(page) == (True, True, True)
