"""The proposals CSV importer's ``language`` column (``pnyx import proposals:proposals``): the
language each proposal is written in, one of the organization's, stored and marked on pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import Result
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient, PnyxCliRunner
from pnyx_proposals.models import Proposal

TITLE = "Pista ciclabile in Aiacciu"
BODY = "Fà una pista ciclabile longu à u mare, da a cità finu à a spiaggia."
pytestmark = pytest.mark.usefixtures("bilingual")


def import_proposals(
    cli_runner: PnyxCliRunner, component: api.Component, path: Path, text: str
) -> Result:
    """``pnyx import proposals:proposals`` of a CSV file holding ``text``."""
    path.write_text(text.strip() + "\n", encoding="utf-8")
    args = ["import", "proposals:proposals", str(path), "--component", str(component.id)]
    return cli_runner.invoke(args=args)


def test_imported_proposals_keep_the_language_the_file_gives(
    cli_runner: PnyxCliRunner,
    client: PnyxClient,
    session: Session,
    component: api.Component,
    url: str,
    tmp_path: Path,
) -> None:
    result = import_proposals(
        cli_runner,
        component,
        tmp_path / "paper.csv",
        f"""
external_id;title;body;language
P1;{TITLE};{BODY};co
P2;Des bancs;Des bancs sur la place du marché.;fr
P3;Un jardin;Un jardin partagé rue des Lilas.;
""",
    )

    assert result.exit_code == 0, result.output
    assert "3 rows: 3 created" in result.output
    session.expire_all()
    stored = dict(session.execute(select(Proposal.title, Proposal.language)).all())
    assert stored == {TITLE: "co", "Des bancs": "fr", "Un jardin": ""}
    corsican = session.scalar(select(Proposal).where(Proposal.language == "co"))
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    show = client.get(f"{url}{corsican.id}/").text
    assert f'<h1 id="proposal-title"><span lang="co">{TITLE}</span></h1>' in show
    assert '<div class="proposal-body" lang="co">' in show
    french = session.scalar(select(Proposal).where(Proposal.language == "fr"))
    show = client.get(f"{url}{french.id}/").text
    assert '<h1 id="proposal-title">Des bancs</h1>' in show
    assert '<div class="proposal-body">' in show


def test_imported_proposals_without_a_language_column_are_not_marked(
    cli_runner: PnyxCliRunner,
    client: PnyxClient,
    session: Session,
    component: api.Component,
    url: str,
    tmp_path: Path,
) -> None:
    text = f"external_id;title;body\nP1;{TITLE};{BODY}"
    result = import_proposals(cli_runner, component, tmp_path / "old.csv", text)

    assert result.exit_code == 0, result.output
    proposal = session.scalars(select(Proposal)).one()
    assert proposal.language == ""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    show = client.get(f"{url}{proposal.id}/").text
    assert f'<h1 id="proposal-title">{TITLE}</h1>' in show
    assert '<div class="proposal-body">' in show


def test_an_imported_language_the_organization_does_not_offer_stops_the_import(
    cli_runner: PnyxCliRunner, session: Session, component: api.Component, tmp_path: Path
) -> None:
    result = import_proposals(
        cli_runner,
        component,
        tmp_path / "paper.csv",
        f"""
external_id;title;body;language
P1;{TITLE};{BODY};co
P2;Pista ciclabile;Lungo il mare.;it
P3;Benches;Benches on the market square.;en
""",
    )

    assert result.exit_code == 1
    allowed = "the organization's languages are fr, co (or leave the language empty)"
    assert f"line 3: unknown language 'it': {allowed}" in result.output
    assert f"line 4: unknown language 'en': {allowed}" in result.output
    assert "2 line(s) with errors in paper.csv: nothing was imported." in result.output
    assert session.scalar(select(Proposal)) is None
