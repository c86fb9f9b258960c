"""The verification and assisted-participation pages are valid HTML with sound structure,
in every state a person meets (empty, filled, form errors, the acting banner)."""

from __future__ import annotations

import io
import itertools
from collections import Counter

import html5lib
import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from pnyx.models import Authorization, TaxonomyTerm, User


@pytest.fixture
def pnyx_plugins(fake_plugins):
    fake_plugins(sample="sample_plugin")
    return ["sample"]


def problems(html: str) -> list[str]:
    """Strict HTML5 parse, one h1 and one main, no skipped heading level, unique ids,
    references to existing ids, a label for every field."""
    root = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)
    found = list(root.iter())
    tags = Counter(e.tag for e in found)
    wrong = [f"{tags[t]} <{t}>" for t in ("h1", "main") if tags[t] != 1]
    levels = [int(e.tag[1]) for e in found if e.tag in ("h1", "h2", "h3", "h4", "h5", "h6")]
    wrong += [f"<h{b}> after <h{a}>" for a, b in itertools.pairwise(levels) if b > a + 1]
    ids = Counter(e.get("id") for e in found if e.get("id"))
    wrong += [f"id {name} twice" for name, count in ids.items() if count > 1]
    for element in found:
        for attribute in ("aria-describedby", "for"):
            wrong += [
                f"{attribute}={n}" for n in (element.get(attribute) or "").split() if n not in ids
            ]
    labelled = {e.get("for") for e in found if e.tag == "label"}
    inside = {id(e) for label in found if label.tag == "label" for e in label.iter()}
    for element in found:
        field = element.tag in ("input", "select") and element.get("type") not in ("hidden",)
        if field and element.get("id") not in labelled and id(element) not in inside:
            wrong.append(f"{element.tag} {element.get('name')} has no label")
    return wrong


def check(response, status: int = 200) -> None:
    assert response.status_code == status, response.request.path
    assert problems(response.get_data(as_text=True)) == [], response.request.path


@pytest.fixture
def world(session, make_user, make_space, make_component):
    parent = TaxonomyTerm(kind="territory", code="37", name={"fr": "Indre-et-Loire"})
    session.add(parent)
    session.flush()
    session.add(
        TaxonomyTerm(kind="territory", code="37261", name={"fr": "Tours"}, parent_id=parent.id)
    )
    board = make_component(make_space(steps=1, active=0), "sample")
    admin = make_user(roles=["admin"])
    resident = make_user(name="Resident")
    session.add(
        Authorization(
            user_id=resident.id,
            handler="residence",
            status="pending",
            data={"territory_id": parent.id},
        )
    )
    session.add(User(name="Paul Participant", managed=True))
    session.commit()
    return admin, resident, board


def test_resident_pages(client, world) -> None:
    _admin, resident, _board = world
    client.sign_in(resident)
    check(client.get("/account/verifications"))
    for page in ("birth-date", "residence", "census"):
        check(client.get(f"/account/verifications/{page}?next=/"))
    check(client.post_form("/account/verifications/birth-date", data={"birth_date": "x"}), 400)
    check(client.post_form("/account/verifications/residence", data={"territory": ""}), 400)


def test_census_page_with_errors(client, world) -> None:
    admin, resident, _board = world
    client.sign_in(admin)
    columns = {"name0": "number", "kind0": "text", "name1": "born", "kind1": "date"}
    check(client.post_form("/admin/verifications/census/columns", data={"name0": "bad/name"}), 400)
    client.post_form("/admin/verifications/census/columns", data=columns)
    data = MultiDict([("file", (io.BytesIO(b"number,born\nA1,2000-01-01\n"), "c.csv"))])
    client.post_form("/admin/verifications/census/upload", data=data)
    check(client.get("/admin/verifications/census"))
    check(client.post_form("/admin/verifications/census/upload", data={}), 400)
    client.sign_in(resident)
    check(client.get("/account/verifications/census"))
    check(client.post_form("/account/verifications/census", data={"c0": "", "c1": "x"}), 400)
    check(
        client.post_form("/account/verifications/census", data={"c0": "Z", "c1": "2000-01-01"}), 400
    )


def test_admin_pages(client, world) -> None:
    admin, _resident, board = world
    client.sign_in(admin)
    check(client.get("/admin/verifications"))
    check(client.post_form("/admin/verifications/revoke", data={"granted_before": "x"}), 400)
    check(client.get("/admin/verifications/conflicts"))
    check(client.get("/admin/verifications/settings"))
    check(client.post_form("/admin/verifications/settings", data={"validity.census": "x"}), 400)
    check(client.get("/admin/verifications/residences"))
    check(client.get(f"/admin/components/{board.id}/permissions"))
    url = f"/admin/components/{board.id}/permissions/sample.post"
    check(client.get(url))
    form = {
        "use.birth_date": "on",
        "birth_date.minimum_age": "-1",
        "use.residence": "on",
        "residence.territories": "999",
    }
    check(client.post_form(url, data=form), 400)


def test_assisted_pages_and_banner(client, session, world) -> None:
    admin, _resident, _board = world
    client.sign_in(admin)
    check(client.get("/assisted/participants"))
    check(client.get("/assisted/participants/new"))
    check(client.post_form("/assisted/participants/new", data={"name": ""}), 400)
    participant = session.scalar(select(User).where(User.managed.is_(True)))
    client.post_form(f"/assisted/participants/{participant.id}/act")
    page = client.get("/account/verifications")
    check(page)
    assert "Stop acting for Paul Participant" in page.get_data(as_text=True)
