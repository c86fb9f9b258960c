"""Territories and themes in the admin area: terms, hierarchy, order, CSV import."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator

import pytest
from sqlalchemy import event, select, text

from pnyx.db import get_database
from pnyx.models import ActionLog, TaxonomyTerm

BASE = "/admin/taxonomies/territory"


@pytest.fixture
def admin(client, make_user, make_organization):
    make_organization()
    user = make_user(roles=["admin"])
    client.sign_in(user)
    return user


def add_term(session, code: str, name: str, parent: TaxonomyTerm | None = None, position=0):
    term = TaxonomyTerm(
        kind="territory",
        code=code,
        name={"fr": name},
        parent_id=parent.id if parent else None,
        position=position,
    )
    session.add(term)
    session.commit()
    return term


def terms(session, kind: str = "territory") -> dict[str, TaxonomyTerm]:
    query = select(TaxonomyTerm).where(TaxonomyTerm.kind == kind)
    return {term.code: term for term in session.scalars(query)}


def upload(client, content: str | bytes, kind: str = "territory"):
    data = content.encode() if isinstance(content, str) else content
    return client.post_form(
        f"/admin/taxonomies/{kind}/import",
        [("file", (io.BytesIO(data), "communes.csv"))],
        content_type="multipart/form-data",
    )


@contextlib.contextmanager
def counted_queries(app) -> Iterator[list[str]]:
    statements: list[str] = []
    engine = get_database(app).engine

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_the_menu_leads_to_territories(client, admin) -> None:
    assert client.get("/admin/taxonomies").headers["Location"].endswith(BASE)
    page = client.get(BASE).get_data(as_text=True)
    assert "Territories and themes" in page and "There is no term yet." in page
    assert client.get("/admin/taxonomies/colours").status_code == 404


def test_create_a_term_and_a_sub_term(client, session, admin) -> None:
    response = client.post_form(
        f"{BASE}/new", {"code": "2A", "name.fr": "Corse-du-Sud", "name.en": "South Corsica"}
    )
    assert response.status_code == 302
    department = terms(session)["2A"]
    page = client.get(f"{BASE}/new?parent={department.id}").get_data(as_text=True)
    assert 'name="parent_code" value="2A"' in page
    client.post_form(f"{BASE}/new", {"code": "2A004", "name.fr": "Ajaccio", "parent_code": "2A"})
    commune = terms(session)["2A004"]
    assert commune.parent_id == department.id and commune.name == {"fr": "Ajaccio"}
    french = {"Accept-Language": "fr"}  # the names are French
    listing = client.get(f"{BASE}?parent={department.id}", headers=french).get_data(as_text=True)
    assert "Ajaccio" in listing and "Corse-du-Sud" in listing  # with the breadcrumb
    actions = session.scalars(select(ActionLog.action).order_by(ActionLog.id)).all()
    assert actions == ["pnyx.taxonomy.create", "pnyx.taxonomy.create"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"code": "", "name.fr": "X"}, "code", "This field is required."),
        ({"code": "2 A", "name.fr": "X"}, "code", "A code has no spaces."),
        ({"code": "2A", "name.fr": "X"}, "code", "Another term already has this code."),
        ({"code": "X1", "name.en": "X"}, "name-fr", "Write this text in"),
        ({"code": "X1", "name.fr": "X", "parent_code": "99"}, "parent_code", "No term has"),
    ],
)
def test_term_errors_are_shown_next_to_fields(client, session, admin, data, field, message):
    add_term(session, "2A", "Corse-du-Sud")
    response = client.post_form(f"{BASE}/new", data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'id="f-{field}-error">{message}' in page


def test_a_term_cannot_go_under_its_own_sub_term(client, session, admin) -> None:
    department = add_term(session, "2A", "Corse-du-Sud")
    add_term(session, "2A004", "Ajaccio", department)
    response = client.post_form(
        f"{BASE}/{department.id}", {"code": "2A", "name.fr": "Corse-du-Sud", "parent_code": "2A004"}
    )
    assert response.status_code == 400
    assert "under itself or its sub-terms" in response.get_data(as_text=True)


def test_edit_a_term_and_move_it(client, session, admin) -> None:
    north = add_term(session, "2B", "Haute-Corse", position=0)
    south = add_term(session, "2A", "Corse-du-Sud", position=1)
    client.post_form(f"{BASE}/{south.id}/move", {"direction": "up"})
    session.refresh(north), session.refresh(south)
    assert (south.position, north.position) == (0, 1)
    client.post_form(f"{BASE}/{south.id}/move", {"direction": "up"})  # already first
    session.refresh(south)
    assert south.position == 0
    client.post_form(f"{BASE}/{north.id}", {"code": "2B", "name.fr": "Haute-Corse", "name.co": "x"})
    session.refresh(north)
    assert north.name == {"fr": "Haute-Corse"}  # co is not a language of the site


def test_delete_is_refused_with_children_and_done_without(client, session, admin) -> None:
    department = add_term(session, "2A", "Corse-du-Sud")
    commune = add_term(session, "2A004", "Ajaccio", department)
    confirm = client.get(f"{BASE}/{department.id}/delete").get_data(as_text=True)
    assert (
        "This term has 1 sub-term: move or delete it first." in confirm
        and "Yes, delete" not in confirm
    )
    assert client.post_form(f"{BASE}/{department.id}/delete").status_code == 409
    assert "Yes, delete this term" in client.get(f"{BASE}/{commune.id}/delete").get_data(
        as_text=True
    )
    assert client.post_form(f"{BASE}/{commune.id}/delete").status_code == 302
    assert set(terms(session)) == {"2A"}


def test_delete_is_refused_while_content_points_to_the_term(app, client, session, admin):
    term = add_term(session, "2A004", "Ajaccio")
    # A plugin table pointing to terms, as a proposals plugin would have.
    session.execute(
        text(
            "CREATE TABLE test_admin_term_users (id INTEGER PRIMARY KEY, "
            "term_id INTEGER NOT NULL REFERENCES taxonomy_terms (id))"
        )
    )
    session.execute(text(f"INSERT INTO test_admin_term_users (id, term_id) VALUES (1, {term.id})"))
    session.commit()
    try:
        response = client.post_form(f"{BASE}/{term.id}/delete")
        assert response.status_code == 409
        assert "Content still refers to this term" in response.get_data(as_text=True)
        assert "2A004" in terms(session)
    finally:
        session.rollback()
        session.execute(text("DROP TABLE test_admin_term_users"))
        session.commit()


COMMUNES = """code;name_fr;name_en;parent_code
2A;Corse-du-Sud;South Corsica;
2A004;Ajaccio;;2A
2A041;Bonifacio;;2A
"""


def test_import_creates_then_updates_nothing_twice(client, session, admin) -> None:
    response = upload(client, "\ufeff" + COMMUNES)  # with Excel's byte order mark
    assert response.status_code == 302
    report = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<strong>3</strong> terms created" in report
    found = terms(session)
    assert found["2A004"].parent_id == found["2A"].id
    assert found["2A"].name == {"fr": "Corse-du-Sud", "en": "South Corsica"}
    assert [found[c].position for c in ("2A004", "2A041")] == [0, 1]
    again = client.get(upload(client, COMMUNES).headers["Location"]).get_data(as_text=True)
    assert "<strong>0</strong> terms created" in again
    assert "<strong>3</strong> terms unchanged" in again
    assert len(terms(session)) == 3
    entries = session.scalars(select(ActionLog).where(ActionLog.action == "pnyx.taxonomy.import"))
    assert [e.extra["created"] for e in entries] == [3, 0]


def test_import_updates_names_and_parents(client, session, admin) -> None:
    upload(client, COMMUNES)
    changed = "code,name_fr,parent_code\n2B,Haute-Corse,\n2A041,Bunifaziu,2B\n"
    report = client.get(upload(client, changed).headers["Location"]).get_data(as_text=True)
    assert "<strong>1</strong> term created" in report
    assert "<strong>1</strong> term updated" in report
    found = terms(session)
    assert found["2A041"].parent_id == found["2B"].id
    assert found["2A041"].name == {"fr": "Bunifaziu"}


def test_import_reports_errors_with_line_numbers(client, session, admin) -> None:
    content = (
        "code;name_fr;parent_code;population\n"
        "2A;Corse-du-Sud;\n"  # line 2: fine
        ";Sans code;\n"  # 3
        "2A004;;2A\n"  # 4: no name
        "2A;Encore;\n"  # 5: duplicate
        "X1;Boucle 1;X2\n"  # 6: loop
        "X2;Boucle 2;X1\n"  # 7: loop
        "2A041;Bonifacio;99\n"  # 8: unknown parent
        "2A017;Sous boucle;X1\n"  # 9: its parent has an error
        "\n"
        '2A090;"Grosseto-\nPrugna";2A\n'  # 11: a quoted name on two lines, fine
    )
    report_url = upload(client, content).headers["Location"]
    report = client.get(report_url).get_data(as_text=True)
    assert "<strong>2</strong> terms created" in report
    assert "<strong>7</strong> lines with an error" in report
    assert "These columns were ignored: population." in report
    expected = [
        (3, "The code is empty."),
        (4, "The name in the main language (column name_fr) is empty."),
        (5, "The code 2A is already on line 2."),
        (6, "The parent codes make a loop through X1."),
        (7, "The parent codes make a loop through X2."),
        (8, "The parent code 99 is neither in the file nor already known."),
        (9, "The parent X1 (line 6) has an error."),
    ]
    for line, message in expected:
        assert f"<tr><td>{line}</td><td>{message}</td></tr>" in report
    assert set(terms(session)) == {"2A", "2A090"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("nom;parent\nx;y\n", "The first line must name the columns"),
        ("code;name_fr\n2A;Corse".encode("utf-16"), "The file is not UTF-8 text"),
        ("", "The file is empty."),
    ],
)
def test_unreadable_files_are_refused(client, admin, content, message) -> None:
    response = upload(client, content)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_import_without_a_file(client, admin) -> None:
    response = client.post_form(f"{BASE}/import", {}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert 'id="f-file-error">Choose a CSV file to import.' in response.get_data(as_text=True)


def communes_file(count: int) -> str:
    rows = ["code,name_fr,name_en,parent_code", "2A,Corse-du-Sud,South Corsica,"]
    rows += [f"2A{n:03d},Commune {n},Town {n},2A" for n in range(1, count + 1)]
    return "\n".join(rows) + "\n"


def test_import_queries_do_not_grow_per_row(app, client, session, admin) -> None:
    with counted_queries(app) as small:
        upload(client, communes_file(20))
    session.execute(text("DELETE FROM taxonomy_terms WHERE parent_id IS NOT NULL"))
    session.execute(text("DELETE FROM taxonomy_terms"))
    session.commit()
    with counted_queries(app) as large:
        upload(client, communes_file(400))
    assert len(terms(session)) == 401
    # Batched inserts may add a statement per few hundred rows, never one per row.
    assert len(large) <= len(small) + 3, large
    with counted_queries(app) as again:  # re-import: everything unchanged
        upload(client, communes_file(400))
    assert len(again) <= len(small) + 3


def test_the_list_is_paginated(client, session, admin, app) -> None:
    upload(client, communes_file(45))
    department = terms(session)["2A"]
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"  # read the French names
    first = client.get(f"{BASE}?parent={department.id}").get_data(as_text=True)
    assert "Commune 1<" in first and "Commune 21<" not in first and 'rel="next"' in first
    third = client.get(f"{BASE}?parent={department.id}&page=3").get_data(as_text=True)
    assert "Commune 45<" in third and 'rel="next"' not in third
