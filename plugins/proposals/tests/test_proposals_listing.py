"""The list: filters (sub-territories too), sorts, pages, and a constant number of queries."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_proposals.models import Proposal

TITLE = re.compile(r'<h3><a href="[^"]+/(\d+)/">')


def shown(client: PnyxClient, path: str) -> list[int]:
    """Ids of the proposals a list page shows, in order."""
    return [int(found) for found in TITLE.findall(client.get(path).text)]


@pytest.fixture
def catalogue(
    add_proposal: Callable[..., Proposal], terms: dict[str, api.TaxonomyTerm]
) -> dict[str, Proposal]:
    return {
        "tours": add_proposal(
            "Bike lane in Tours",
            territory=terms["37261"],
            themes=[terms["mobility"]],
            minutes_ago=50,
            supports_count=3,
        ),
        "district": add_proposal(
            "Garden in Tours Nord",
            territory=terms["37261-nord"],
            themes=[terms["environment"]],
            minutes_ago=40,
            supports_count=9,
        ),
        "amboise": add_proposal(
            "Concert in Amboise",
            territory=terms["37018"],
            themes=[terms["culture"]],
            minutes_ago=30,
            supports_count=1,
            state="accepted",
        ),
        "nowhere": add_proposal("Library hours", minutes_ago=20, body="Open on sundays please!"),
        "withdrawn": add_proposal("Withdrawn idea", withdrawn_at=api.utcnow()),
        "hidden": add_proposal("Hidden spam", hidden_at=api.utcnow()),
        "draft": add_proposal("A draft", published=False),
    }


def test_withdrawn_hidden_and_drafts_are_not_listed(
    client: PnyxClient, url: str, catalogue: dict[str, Proposal]
) -> None:
    ids = set(shown(client, f"{url}?sort=recent"))
    expected = {catalogue[k].id for k in ("tours", "district", "amboise", "nowhere")}
    assert ids == expected
    assert "4 proposals" in client.get(url).text


def test_territory_filter_includes_sub_territories(
    client: PnyxClient,
    url: str,
    catalogue: dict[str, Proposal],
    terms: dict[str, api.TaxonomyTerm],
) -> None:
    tours = set(shown(client, f"{url}?territory={terms['37261'].id}"))
    assert tours == {catalogue["tours"].id, catalogue["district"].id}
    department = set(shown(client, f"{url}?territory={terms['37'].id}"))
    assert department == {catalogue[k].id for k in ("tours", "district", "amboise")}
    assert shown(client, f"{url}?territory={terms['37261-nord'].id}") == [catalogue["district"].id]


def test_theme_state_and_text_filters(
    client: PnyxClient,
    url: str,
    catalogue: dict[str, Proposal],
    terms: dict[str, api.TaxonomyTerm],
) -> None:
    assert shown(client, f"{url}?theme={terms['culture'].id}") == [catalogue["amboise"].id]
    assert shown(client, f"{url}?state=accepted") == [catalogue["amboise"].id]
    assert shown(client, f"{url}?state=withdrawn") == [catalogue["withdrawn"].id]
    assert shown(client, f"{url}?q=SUNDAYS") == [catalogue["nowhere"].id]  # in the body
    assert shown(client, f"{url}?q=tours+garden") == [catalogue["district"].id]
    assert shown(client, f"{url}?q=100%25") == []  # LIKE wildcards are literal
    assert shown(client, f"{url}?q=Hidden") == []


def test_text_search_forgives_accents_and_case(
    client: PnyxClient, url: str, add_proposal: Callable[..., Proposal]
) -> None:
    """Issue 10 item 6: ``velo``, ``VÉLO`` and ``vélo`` found 0, 0 and 3 proposals."""
    found = {
        add_proposal("Piste cyclable", body="Un vélo pour tous").id,
        add_proposal("VÉLOS PARTAGÉS").id,
        add_proposal("Garage à vélo").id,
        add_proposal("Œuvre d’art au carrefour").id,
    }
    add_proposal("Jardin partagé")
    velo = found - {max(found)}
    for query in ("velo", "VÉLO", "vélo", "Velo", "VELO"):
        assert set(shown(client, f"{url}?q={query}")) == velo, query
    assert len(shown(client, f"{url}?q=oeuvre")) == 1
    assert len(shown(client, f"{url}?q=ŒUVRE")) == 1
    assert len(shown(client, f"{url}?q=partages")) == 1  # "PARTAGÉS", not "partagé"


def test_sorts(client: PnyxClient, url: str, catalogue: dict[str, Proposal]) -> None:
    order = [catalogue[k].id for k in ("nowhere", "amboise", "district", "tours")]
    assert shown(client, f"{url}?sort=recent") == order
    most = [catalogue[k].id for k in ("district", "tours", "amboise", "nowhere")]
    assert shown(client, f"{url}?sort=most_supported") == most


def test_random_order_is_stable_for_a_seed_and_differs_between_seeds(
    app: Flask, client: PnyxClient, url: str, add_proposal: Callable[..., Proposal]
) -> None:
    app.config["PAGE_SIZE"] = 5
    for number in range(20):
        add_proposal(f"Proposal {number}")
    first = shown(client, f"{url}?seed=42") + shown(client, f"{url}?seed=42&page=2")
    again = shown(client, f"{url}?seed=42") + shown(client, f"{url}?seed=42&page=2")
    assert first == again and len(set(first)) == 10  # pages do not overlap
    others = {tuple(shown(client, f"{url}?seed={seed}")) for seed in range(1, 8)}
    assert len(others) > 3
    assert sorted(first) != first


def test_pages_keep_the_filters(
    app: Flask,
    client: PnyxClient,
    url: str,
    add_proposal: Callable[..., Proposal],
    terms: dict[str, api.TaxonomyTerm],
) -> None:
    app.config["PAGE_SIZE"] = 2
    for number in range(5):
        add_proposal(f"Proposal {number}", themes=[terms["mobility"]], minutes_ago=number)
    page = client.get(f"{url}?sort=recent&theme={terms['mobility'].id}").text
    assert f'href="{url}?theme={terms["mobility"].id}&amp;sort=recent&amp;page=2"' in page
    assert len(shown(client, f"{url}?sort=recent&page=3")) == 1
    assert "There are no proposals on this page." in client.get(f"{url}?page=9").text


def test_query_count_does_not_grow_with_the_page(
    app: Flask,
    client: PnyxClient,
    url: str,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
    terms: dict[str, api.TaxonomyTerm],
    count_queries: Callable[[str], int],
) -> None:
    client.sign_in(make_user())
    filtered = f"{url}?territory={terms['37'].id}&theme={terms['mobility'].id}&q=lane&sort=recent"
    add_proposal("Lane 0", author=make_user(), territory=terms["37018"], themes=[terms["mobility"]])
    one = {path: count_queries(path) for path in (url, filtered)}

    communes = [terms[code] for code in ("37261", "37018", "37063", "37122", "37261-nord")]
    for number in range(1, 40):  # two full pages, each by someone else, varied terms
        add_proposal(
            f"Lane {number}",
            author=make_user(),
            territory=communes[number % len(communes)],
            themes=[terms["mobility"], terms["culture"]],
        )
    many = {path: count_queries(path) for path in (url, filtered)}

    assert many == one
    assert count_queries(f"{filtered}&page=2") == one[filtered]


def test_a_proposal_page_costs_the_same_with_many_themes_and_supports(
    client: PnyxClient,
    url: str,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
    terms: dict[str, api.TaxonomyTerm],
    count_queries: Callable[[str], int],
) -> None:
    client.sign_in(make_user())
    plain = add_proposal("Plain")
    rich = add_proposal(
        "Rich",
        author=make_user(),
        territory=terms["37261"],
        themes=[terms[c] for c in ("mobility", "culture", "environment", "solidarity")],
        supports_count=500,
    )
    assert count_queries(f"{url}{rich.id}/") <= count_queries(f"{url}{plain.id}/") + 1


def test_the_list_in_french_and_the_home_page(
    client: PnyxClient, url: str, add_proposal: Callable[..., Proposal]
) -> None:
    add_proposal("Des arceaux vélo")
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    page = client.get(url).text
    assert "1 proposition" in page and "Au hasard" in page
    assert "Aucune proposition ne correspond." in client.get(f"{url}?q=nothing").text
    home = client.get("/").text
    assert "Dernières propositions" in home and "Des arceaux vélo" in home


def test_hidden_supports_cannot_be_sorted_on(
    client: PnyxClient,
    url: str,
    add_proposal: Callable[..., Proposal],
    set_settings: Callable[..., None],
) -> None:
    for number in range(6):
        add_proposal(f"Proposal {number}", supports_count=number)
    set_settings(step={"supports_hidden": True})
    page = client.get(f"{url}?sort=most_supported&seed=3").text
    assert "Most supported" not in page and " supports" not in page
    assert shown(client, f"{url}?sort=most_supported&seed=3") == shown(client, f"{url}?seed=3")


def test_an_empty_list_invites_the_first_proposal(
    client: PnyxClient, url: str, make_user: Callable[..., api.User]
) -> None:
    """Issue 10 item 9: an empty list said "No proposal matches." to everyone."""
    anonymous = client.get(url).text
    assert "No proposal yet." in anonymous and "Be the first" not in anonymous
    client.sign_in(make_user())
    page = client.get(url).text
    assert "Be the first: write a proposal" in page
    assert "No proposal matches." in client.get(f"{url}?q=nothing").text
