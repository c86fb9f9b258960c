"""``pnyx import people`` and ``pnyx export people`` (issue 12, item 3): every row checked
before anything is written, errors with their line numbers, idempotent on the external id,
batched writes, invitations through the mail service, an export without secrets."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlalchemy import event, func, select

from pnyx.db import get_database
from pnyx.importing import ImportContext
from pnyx.importing.people import PEOPLE
from pnyx.importing.runner import run_import
from pnyx.models import ActionLog, Authorization, ImportKey, TaxonomyTerm, User

HEADER = ["external_id", "email", "name", "locale", "birth_date", "territory", "roles"]


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ";") -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def person(number: int, email: str | None = None, **columns: str) -> list[str]:
    values = {
        "external_id": f"E{number:06d}",
        "email": email or f"person{number}@city.example",
        "name": f"Person {number}",
        "locale": "fr",
        "birth_date": "",
        "territory": "",
        "roles": "",
        **columns,
    }
    return [values[column] for column in HEADER]


def import_file(session, path: Path, **options) -> object:
    context = ImportContext(session=session, options={"invite": False, **options})
    return run_import(context, PEOPLE, path)


def count_users(session) -> int:
    return session.scalar(select(func.count()).select_from(User))


def test_ten_thousand_people_with_three_bad_rows(session, tmp_path: Path) -> None:
    bad = {17: "not-an-address", 4000: "", 9999: "person9999-at-city"}
    rows = [person(n, email=bad.get(n)) for n in range(1, 10_001)]
    rows[4000 - 1][2] = ""  # no name either: one line, its first problem
    refused = import_file(session, write_csv(tmp_path / "people.csv", rows))
    assert [line for line, _message in refused.errors] == [18, 4001, 10000]  # header is line 1
    assert count_users(session) == 0
    assert session.scalar(select(func.count()).select_from(ImportKey)) == 0

    fixed = [person(n) for n in range(1, 10_001)]
    done = import_file(session, write_csv(tmp_path / "people.csv", fixed))
    assert (done.errors, done.created, done.unchanged) == ([], 10_000, 0)
    assert count_users(session) == 10_000

    again = import_file(session, tmp_path / "people.csv")
    assert (again.created, again.unchanged) == (0, 10_000)
    assert count_users(session) == 10_000
    logged = session.scalars(select(ActionLog).where(ActionLog.action == "pnyx.import")).all()
    assert [entry.extra["created"] for entry in logged] == [10_000, 0]


def test_verifications_roles_and_languages_are_imported(session, tmp_path: Path) -> None:
    session.add(TaxonomyTerm(kind="territory", code="2A004", name={"fr": "Ajaccio"}))
    session.commit()
    rows = [
        person(1, birth_date="2009-03-14", territory="2A004", locale="co"),
        person(2, roles="moderator|user_manager", locale=""),
    ]
    import_file(session, write_csv(tmp_path / "people.csv", rows))
    first, second = session.scalars(select(User).order_by(User.id)).all()
    handlers = {a.handler: a.data for a in session.scalars(select(Authorization))}
    territory = session.scalar(select(TaxonomyTerm.id))
    assert handlers == {
        "birth_date": {"birth_date": "2009-03-14"},
        "residence": {"territory_id": territory},
    }
    assert (first.locale, first.password_hash, first.confirmed_at) == ("co", None, None)
    assert sorted(r.role for r in second.organization_roles) == ["moderator", "user_manager"]
    assert second.locale is None


def test_every_problem_is_reported_with_its_line(session, tmp_path: Path) -> None:
    rows = [
        person(1),
        person(1, email="other@city.example"),  # the same external id
        person(3, email="person1@city.example"),  # the same address
        person(4, locale="de"),
        person(5, birth_date="31/12/1990"),
        person(6, territory="99999"),
        person(7, roles="mayor"),
        person(8, external_id=""),
    ]
    result = import_file(session, write_csv(tmp_path / "people.csv", rows))
    assert result.errors == [
        (3, "the external_id 'E000001' is already on line 2"),
        (4, "the e-mail address is already on line 2"),
        (5, "unknown language 'de'"),
        (6, "the birth date '31/12/1990' is not a date like 1990-05-31"),
        (7, "unknown territory code '99999'"),
        (8, "unknown role(s) mayor"),
        (9, "the external_id is empty"),
    ]
    assert count_users(session) == 0


def test_an_existing_account_is_matched_not_duplicated(session, tmp_path, make_user) -> None:
    existing = make_user(email="person1@city.example", name="Already Here")
    result = import_file(session, write_csv(tmp_path / "people.csv", [person(1), person(2)]))
    assert (result.created, count_users(session)) == (2, 2)
    key = session.scalar(select(ImportKey).where(ImportKey.external_id == "E000001"))
    assert key.resource_id == existing.id
    assert session.get(User, existing.id).name == "Already Here"
    # Tied to E000001 now: another external id with that address is refused.
    clash = import_file(session, write_csv(tmp_path / "b.csv", [person(9, "person1@city.example")]))
    assert clash.errors == [(2, "this e-mail address was imported with the external_id E000001")]


def test_writes_are_batched(app, session, tmp_path: Path) -> None:
    def statements_for(count: int) -> int:
        rows = [
            # Alternating empty values: the ORM's bulk insert sent one INSERT per change.
            person(n, locale="fr" if n % 2 else "", birth_date="1990-05-01" if n % 3 else "")
            for n in range(count, 2 * count)
        ]
        path = write_csv(tmp_path / f"p{count}.csv", rows)
        seen: list[str] = []
        engine = get_database(app).engine
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            context = ImportContext(session=session, options={"invite": False})
            run_import(context, PEOPLE, path, batch_size=50)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(seen)

    # Twice the rows in the same number of batches: the same number of statements.
    assert statements_for(20) == statements_for(40)


def test_a_missing_column_is_one_line(cli_runner, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("external_id,name\nE1,Camille\n", encoding="utf-8")
    result = cli_runner.invoke(args=["import", "people", str(path), "--no-invite"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == "Error: Line 1: missing column(s) email."


def test_the_cli_lists_errors_and_writes_nothing(cli_runner, session, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "people.csv", [person(1), person(2, email="nope")])
    result = cli_runner.invoke(args=["import", "people", str(path), "--no-invite"])
    assert result.exit_code == 1
    assert "line 3: the e-mail address 'nope' is not valid" in result.output
    assert "1 line(s) with errors in people.csv: nothing was imported." in result.output
    assert count_users(session) == 0


def test_new_accounts_are_invited_by_e_mail(app, cli_runner, session, outbox, tmp_path, make_user):
    app.config["PUBLIC_URL"] = "https://participez.ville.example"
    make_user(email="person2@city.example")
    path = write_csv(tmp_path / "people.csv", [person(1), person(2)])
    result = cli_runner.invoke(args=["import", "people", str(path)])
    assert result.exit_code == 0, result.output
    assert [message["To"] for message in outbox] == ["person1@city.example"]
    assert "https://participez.ville.example/reset-password" in outbox.body(outbox[0])


def test_invitations_need_the_public_address(app, cli_runner, tmp_path: Path) -> None:
    app.config["PUBLIC_URL"] = None
    path = write_csv(tmp_path / "people.csv", [person(1)])
    result = cli_runner.invoke(args=["import", "people", str(path)])
    assert result.exit_code == 1
    assert "PNYX_PUBLIC_URL" in result.output


def test_the_export_has_no_secrets_and_is_logged(cli_runner, session, tmp_path, make_user):
    import_file(session, write_csv(tmp_path / "people.csv", [person(1, roles="moderator")]))
    make_user(email="signed-up@city.example", name="Signed Up")
    result = cli_runner.invoke(args=["export", "people", "-"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["external_id"], r["email"], r["roles"]) for r in rows] == [
        ("E000001", "person1@city.example", "moderator"),
        ("", "signed-up@city.example", ""),
    ]
    assert "password" not in result.stdout and "argon2" not in result.stdout
    assert session.scalar(select(ActionLog.action).where(ActionLog.action.like("%export%")))


def test_admins_download_the_people_from_the_admin_area(client, session, make_user) -> None:
    admin = make_user(roles=["admin"], email="admin@city.example", name="Camille")
    make_user(email="=cmd@city.example", name="=HYPERLINK(1)")
    for person in (make_user(), make_user(space_roles={})):
        client.sign_in(person)
        assert client.get("/admin/users.csv").status_code == 403
    client.sign_in(admin)
    assert 'href="/admin/users.csv"' in client.get("/admin/users").get_data(as_text=True)
    response = client.get("/admin/users.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Cache-Control"] == "private, no-store"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert {"'=cmd@city.example", "admin@city.example"} <= {row["email"] for row in rows}
    assert "'=HYPERLINK(1)" in {row["name"] for row in rows}  # defused for spreadsheets
    assert "argon2" not in response.get_data(as_text=True)
    logged = session.scalar(select(ActionLog).where(ActionLog.action == "pnyx.export.people"))
    assert (logged.actor_id, logged.extra) == (admin.id, {"via": "admin"})
