"""The stored folded search text (``search_text``): written by the database whatever writes
the row, so bulk inserts, SQL updates and rows from before the migration are found too."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from pnyx import api, migrate
from pnyx.app import create_app
from pnyx.db import get_database, get_session
from pnyx.testing.database import fresh_database
from pnyx.testing.factories import create_component, create_space
from pnyx_proposals.models import Proposal
from pnyx_proposals.queries import matches


def found(session: Session, text: str) -> list[str]:
    return list(session.scalars(select(Proposal.title).where(matches(text))))


def test_rows_written_without_the_orm_are_folded(
    session: Session, component: api.Component, add_proposal: Callable[..., Proposal]
) -> None:
    add_proposal("Pistes cyclables")
    session.execute(
        insert(Proposal),
        [{"component_id": component.id, "title": "VÉLO-BUS", "body": "b", "summary": "Œuvre"}],
    )
    session.execute(
        update(Proposal)
        .where(Proposal.title == "Pistes cyclables")
        .values(summary="Un vélo pour tous")
    )
    session.commit()

    assert sorted(found(session, "velo")) == ["Pistes cyclables", "VÉLO-BUS"]
    assert found(session, "oeuvre BUS") == ["VÉLO-BUS"]
    stored = session.scalar(select(Proposal.search_text).where(Proposal.title == "VÉLO-BUS"))
    assert stored == "velo-bus oeuvre"


def add_a_proposal_outside_tests_session(title: str) -> None:
    session = get_session()
    space = create_space(session)
    component = create_component(session, space, "proposals")
    session.add(Proposal(component_id=component.id, title=title, body="b", summary=""))
    session.commit()


def test_the_migration_folds_the_proposals_already_there(database_url: str, tmp_path: Path) -> None:
    with fresh_database(database_url, tmp_path / "db") as url:
        app = create_app(
            {"DATABASE_URL": url, "INSTANCE_PATH": str(tmp_path), "PLUGINS": "proposals"}
        )
        migrate.upgrade(app)
        with app.app_context():
            add_a_proposal_outside_tests_session("École du quartier")
        migrate.downgrade(app, "proposals", "proposals_0005")
        migrate.upgrade(app)
        with app.app_context():
            session = get_session()
            assert found(session, "ECOLE") == ["École du quartier"]
            assert migrate.schema_drift(app, "proposals") == []
        get_database(app).engine.dispose()
