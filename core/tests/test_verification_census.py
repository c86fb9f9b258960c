"""The ``census`` handler: upload of keyed hashes, verification, the conflict queue."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from pnyx.models import ActionLog, Authorization, AuthorizationConflict, CensusEntry, Model

CSV = (
    "Numero electeur;Date de naissance;Nom\n"
    "AB 123;12/05/2008;Dupont\n"
    "cd456;2001-01-31;Martin\n"
    ";2001-01-31;Sans numero\n"
    "ef789;31/02/2001;Date impossible\n"
    "ab123;12.05.2008;Doublon\n"
)
COLUMNS = {
    "name0": "Numero electeur",
    "kind0": "text",
    "label0": "Elector number",
    "name1": "Date de naissance",
    "kind1": "date",
    "label1": "Birth date",
}


@pytest.fixture
def admin(make_user):
    return make_user(roles=["admin"])


def upload(client, text: str, mode: str = "replace"):
    # A MultiDict of pairs: a plain dict would spread the (file, name) tuple into two values.
    data = MultiDict([("file", (io.BytesIO(text.encode()), "census.csv")), ("mode", mode)])
    return client.post_form("/admin/verifications/census/upload", data=data)


@pytest.fixture
def census(client, admin):
    client.sign_in(admin)
    assert client.post_form("/admin/verifications/census/columns", data=COLUMNS).status_code == 302
    response = upload(client, CSV)
    assert response.status_code == 302
    client.sign_out()
    return response


def census_holders(session) -> list[int]:
    query = select(Authorization.user_id).where(Authorization.handler == "census")
    return list(session.scalars(query))


def verify(client, number: str, birth: str):
    return client.post_form("/account/verifications/census", data={"c0": number, "c1": birth})


def database_dump(session) -> str:
    """Every row of every table, as text (works on SQLite and PostgreSQL)."""
    rows = []
    for table in Model.metadata.sorted_tables:
        rows += [str(tuple(row)) for row in session.execute(select(table))]
    return "\n".join(rows)


def test_upload_keeps_only_keyed_hashes(client, session, census) -> None:
    hashes = list(session.scalars(select(CensusEntry.identity_hash)))
    assert len(hashes) == 2  # two valid people; the repeated line is stored once
    assert all(len(h) == 64 for h in hashes)
    dump = database_dump(session)
    for raw in ("AB 123", "ab123", "cd456", "2008-05-12", "12/05/2008", "Dupont"):
        assert raw not in dump


def test_upload_reports_invalid_lines(client, admin) -> None:
    client.sign_in(admin)
    client.post_form("/admin/verifications/census/columns", data=COLUMNS)
    page = client.get(upload(client, CSV).headers["Location"]).get_data(as_text=True)
    assert "5 lines read." in page and "2 people added to the census." in page
    assert "(lines 4, 5)" in page


def test_append_adds_and_replace_replaces(client, session, census, admin) -> None:
    client.sign_in(admin)
    upload(
        client, "Numero electeur,Date de naissance\nzz1,2000-01-01\nAB123,2008-05-12\n", "append"
    )
    assert session.scalar(select(func.count(CensusEntry.id))) == 3
    upload(client, "Numero electeur,Date de naissance\nzz1,2000-01-01\n", "replace")
    assert session.scalar(select(func.count(CensusEntry.id))) == 1


def test_a_file_without_the_columns_is_refused(client, census, admin) -> None:
    client.sign_in(admin)
    response = upload(client, "elector,born\n1,2000-01-01\n")
    assert response.status_code == 400
    assert "no column named: Numero electeur, Date de naissance" in response.get_data(as_text=True)


def test_resident_verifies_with_normalised_identifiers(client, session, census, make_user) -> None:
    user = make_user()
    client.sign_in(user)
    response = verify(client, "  ab 123 ", "2008-05-12")
    assert response.status_code == 302
    authorization = session.scalar(select(Authorization).where(Authorization.user_id == user.id))
    assert authorization.handler == "census" and authorization.status == "ok"
    assert authorization.unique_id_hash in set(session.scalars(select(CensusEntry.identity_hash)))


def test_unknown_identifiers_are_refused_and_attempts_limited(
    client, session, census, make_user
) -> None:
    client.sign_in(make_user())
    for _ in range(5):
        response = verify(client, "nope", "2008-05-12")
        assert response.status_code == 400
        assert "not in the census" in response.get_data(as_text=True)
    assert verify(client, "AB123", "2008-05-12").status_code == 429
    assert session.scalar(select(func.count(Authorization.id))) == 0


def test_two_accounts_cannot_verify_with_the_same_census_identity(
    client, session, census, make_user
) -> None:
    first, second = make_user(name="First"), make_user(name="Second")
    client.sign_in(first)
    assert verify(client, "AB123", "12/05/2008").status_code == 302
    client.sign_in(second)
    response = verify(client, "ab 123", "2008-05-12")
    assert response.status_code == 302
    assert "already used by another account" in client.get(response.headers["Location"]).get_data(
        as_text=True
    )
    assert census_holders(session) == [first.id]
    conflict = session.scalar(select(AuthorizationConflict))
    assert (conflict.user_id, conflict.holder_id, conflict.resolved_at) == (
        second.id,
        first.id,
        None,
    )
    assert (
        session.scalar(
            select(ActionLog).where(ActionLog.action == "pnyx.authorization.conflict")
        ).visibility
        == "admin"
    )
    # Trying again does not flood the queue.
    verify(client, "AB123", "2008-05-12")
    assert session.scalar(select(func.count(AuthorizationConflict.id))) == 1


@pytest.fixture
def conflict(client, session, census, make_user):
    first, second = make_user(name="First"), make_user(name="Second")
    for person in (first, second):
        client.sign_in(person)
        verify(client, "AB123", "2008-05-12")
    return session.scalar(select(AuthorizationConflict)), first, second


def test_admin_transfers_the_identity_to_the_new_account(client, session, conflict, admin) -> None:
    record, _first, second = conflict
    client.sign_in(admin)
    page = client.get("/admin/verifications/conflicts").get_data(as_text=True)
    assert "Second" in page and "First" in page
    url = f"/admin/verifications/conflicts/{record.id}"
    assert client.post_form(url, data={"decision": "transfer"}).status_code == 302
    assert census_holders(session) == [second.id]
    session.refresh(record)
    assert record.resolution == "transferred" and record.resolved_by_id == admin.id
    assert "no conflict to resolve" in client.get("/admin/verifications/conflicts").get_data(
        as_text=True
    )


def test_admin_rejects_the_attempt(client, session, conflict, admin) -> None:
    record, first, _second = conflict
    client.sign_in(admin)
    client.post_form(f"/admin/verifications/conflicts/{record.id}", data={"decision": "reject"})
    assert census_holders(session) == [first.id]
    session.refresh(record)
    assert record.resolution == "rejected"
    logged = session.scalar(
        select(ActionLog).where(ActionLog.action == "pnyx.authorization.conflict_rejected")
    )
    assert logged.actor_id == admin.id


def test_residents_cannot_see_the_census_admin(client, make_user) -> None:
    client.sign_in(make_user())
    assert client.get("/admin/verifications/census").status_code == 403
    assert client.get("/admin/verifications/conflicts").status_code == 403


def test_a_too_large_file_is_refused(client, app, census, admin, session) -> None:
    app.config["CENSUS_IMPORT_MAX_BYTES"] = 20
    client.sign_in(admin)
    response = upload(client, CSV)
    assert response.status_code == 400 and "too large" in response.get_data(as_text=True)
    assert session.scalar(select(func.count(CensusEntry.id))) == 2  # the census is unchanged


def test_hashes_depend_on_the_verification_key(app) -> None:
    from pnyx.verification.hashing import keyed_hash

    with app.test_request_context():
        derived = keyed_hash("census", ["ab123"])
        app.config["VERIFICATION_SECRET"] = "another key"
        assert keyed_hash("census", ["ab123"]) != derived
        assert keyed_hash("census", ["ab", "123"]) != keyed_hash("census", ["ab123"])


def test_an_identification_column_named_twice_is_refused(client, session, admin) -> None:
    """Saved, it asked residents to type the same identifier twice."""
    client.sign_in(admin)
    twice = {**COLUMNS, "name1": "NUMERO ELECTEUR", "kind1": "text"}
    response = client.post_form("/admin/verifications/census/columns", data=twice)
    assert response.status_code == 400
    assert "This column is already named above." in response.text
    assert 'value="NUMERO ELECTEUR"' in response.text  # what was typed stays
