"""The read-only API (issue 21 item 1): organizations, spaces, phases, components and the
plugins' resources; what anonymous visitors see and nothing more (never a private space),
cursor pages, filters, ETag/304, CORS, a rate limit per address, JSON errors."""

from __future__ import annotations

import datetime as dt

import pytest

from pnyx import api
from pnyx.models import TaxonomyTerm
from pnyx_proposals.models import Proposal

pytestmark = pytest.mark.pnyx_plugins("proposals")


@pytest.fixture
def city(session, make_space, make_component, make_user, make_organization):
    make_organization()
    north = TaxonomyTerm(kind="territory", name={"en": "North"}, code="north")
    session.add(north)
    public = make_space(slug="open", title={"en": "Open space"})
    private = make_space(slug="closed", title={"en": "Closed space"}, private=True)
    draft = make_space(slug="draft", title={"en": "Draft space"}, published=False)
    shown = make_component(public, "proposals")
    secret = make_component(private, "proposals")
    unpublished = make_component(draft, "proposals")
    ana = make_user(name="Ana Author", email="ana@example.org")
    gone = make_user(name="Gone Person", email="gone@example.org")
    member = make_user(name="member", email="m@example.org", space_roles={private: "admin"})
    session.flush()
    now = api.utcnow()
    rows = [
        Proposal(
            component_id=shown.id,
            title=f"Public {i}",
            body="...",
            published_at=now,
            author_id=ana.id,
            territory_id=north.id if i == 0 else None,
        )
        for i in range(5)
    ]
    rows += [
        Proposal(
            component_id=shown.id,
            title="By the gone",
            body="...",
            published_at=now,
            author_id=gone.id,
        ),
        Proposal(component_id=shown.id, title="Draft", body="...", published_at=None),
        Proposal(
            component_id=shown.id, title="Hidden", body="...", published_at=now, hidden_at=now
        ),
        Proposal(
            component_id=secret.id,
            title="Secret",
            body="...",
            published_at=now,
            author_id=member.id,
        ),
        Proposal(component_id=unpublished.id, title="Unpublished", body="...", published_at=now),
    ]
    session.add_all(rows)
    gone.deleted_at = now
    session.commit()
    return {"member": member, "north": north, "shown": shown, "secret": secret}


def titles(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [row["title"] for row in response.json["data"]]


def test_anonymous_lists_what_the_pages_show(client, city) -> None:
    found = titles(client.get("/api/v1/proposals"))
    assert found == [f"Public {i}" for i in range(5)] + ["By the gone"]
    spaces = client.get("/api/v1/spaces").json["data"]
    assert [space["slug"] for space in spaces] == ["open"]
    components = client.get("/api/v1/components").json["data"]
    assert [component["id"] for component in components] == [city["shown"].id]
    assert all(
        phase["space_id"] == spaces[0]["id"] for phase in client.get("/api/v1/phases").json["data"]
    )


def test_private_space_never_appears_even_to_its_members(client, city, make_user) -> None:
    people = [None, make_user(name="resident", email="r@example.org"), city["member"]]
    for person in people:
        if person is not None:
            client.sign_in(person)
        for path in (
            "/api/v1/proposals",
            "/api/v1/spaces",
            "/api/v1/components",
            "/api/v1/phases",
            f"/api/v1/proposals?component={city['secret'].id}",
            "/api/v1/proposals?space=closed",
        ):
            body = client.get(path).text
            assert "Secret" not in body and "closed" not in body, (person, path)
        assert client.get("/api/v1/proposals/9").status_code == 404
        assert client.get(f"/api/v1/components/{city['secret'].id}").status_code == 404


def test_authors_public_names_only(client, city) -> None:
    rows = client.get("/api/v1/proposals").json["data"]
    assert rows[0]["author"] == "Ana Author"
    assert rows[-1]["author"] is None  # a deleted account has no name any more
    body = client.get("/api/v1/proposals").text
    assert "@example.org" not in body and "Gone Person" not in body


def test_cursor_pages_follow_each_other(client, city) -> None:
    first = client.get("/api/v1/proposals?limit=4").json
    assert len(first["data"]) == 4 and first["next"]
    second = client.get(first["next"].replace("http://localhost", "")).json
    assert [row["title"] for row in second["data"]] == ["Public 4", "By the gone"]
    assert second["next"] is None


def test_filters(client, city) -> None:
    north = city["north"].id
    assert titles(client.get(f"/api/v1/proposals?territory={north}")) == ["Public 0"]
    assert len(titles(client.get("/api/v1/proposals?space=open"))) == 6
    assert titles(client.get("/api/v1/proposals?state=accepted")) == []
    later = (api.utcnow() + dt.timedelta(days=1)).isoformat()
    assert titles(client.get("/api/v1/proposals", query_string={"updated_since": later})) == []
    assert len(titles(client.get("/api/v1/proposals?updated_since=2020-01-01"))) == 6


@pytest.mark.parametrize(
    "query", ["limit=0", "limit=abc", "cursor=abc", "updated_since=yesterday", "component=-1"]
)
def test_unreadable_parameters_get_a_json_400(client, city, query) -> None:
    response = client.get(f"/api/v1/proposals?{query}")
    assert response.status_code == 400
    assert response.json["error"]["code"] == 400


def test_etag_cors_and_not_modified(client, city) -> None:
    first = client.get("/api/v1/proposals")
    assert first.headers["Access-Control-Allow-Origin"] == "*"
    etag = first.headers["ETag"]
    again = client.get("/api/v1/proposals", headers={"If-None-Match": etag})
    assert again.status_code == 304


class TestRateLimit:
    @pytest.fixture
    def pnyx_config(self):
        return {"API_RATE_LIMIT": "5/minute"}

    def test_one_allowance_per_address_for_the_whole_api(self, client, city) -> None:
        paths = ["/api/v1/spaces", "/api/v1/phases", "/api/v1/proposals", "/api/v1/proposals/1"]
        answers = [client.get(paths[i % 4]).status_code for i in range(7)]
        assert answers[:5] == [200, 200, 200, 200, 200] and answers[-1] == 429
        refused = client.get("/api/v1/components")
        assert refused.json["error"]["code"] == 429 and refused.headers["Retry-After"]


def test_openapi_document_and_browsable_page(client, city) -> None:
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"] == "3.1.0"
    assert "/proposals" in document["paths"] and "Proposals" in document["components"]["schemas"]
    page = client.get("/api/v1/", headers={"Accept-Language": "en"}).text
    assert "GET /api/v1/proposals" in page and "<script" not in page


def test_organization_says_its_licence(client, city) -> None:
    assert client.get("/api/v1/organization").json["licence"] == "etalab-2.0"


def test_list_costs_the_same_queries_for_more_rows(client, session, city, count_queries) -> None:
    few = count_queries("/api/v1/proposals?limit=2")
    many = count_queries("/api/v1/proposals?limit=100")
    assert few == many
