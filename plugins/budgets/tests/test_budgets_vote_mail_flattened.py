"""The vote confirmation is flattened once by the ``email`` package (issue 22 item 7), for
its record and its delivery alike, and neither changes: the record keeps what
``as_string()`` writes, the instance's outbox folder gets what ``as_bytes()`` writes."""

from __future__ import annotations

from email import generator
from pathlib import Path

import pytest
from sqlalchemy import select

from pnyx.mail import EXTENSION_KEY, OutboxFolder
from pnyx.models import OutgoingMail

pytestmark = pytest.mark.pnyx_plugins("budgets")


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_the_confirmation_is_flattened_once_and_kept_and_sent_unchanged(
    locale,
    app,
    monkeypatch,
    tmp_path: Path,
    budgets_client,
    budgets_url,
    budgets_make_budget,
    budgets_make_project,
    make_user,
    session,
) -> None:
    app.extensions[EXTENSION_KEY] = OutboxFolder(tmp_path)  # the embedded default's backend
    budget = budgets_make_budget(title={"en": "Schools", "fr": "Écoles à Saint-Étienne"})
    project = budgets_make_project(budget, cost=60_000)
    voter = make_user(locale=locale)
    budgets_client.sign_in(voter)
    budgets_client.post_form(f"{budgets_url}{budget.id}/ballot/add", {"project_id": project.id})
    flattened: list[object] = []
    original = generator.Generator.flatten

    def counting(self, msg, *args, **kwargs):
        flattened.append(msg)
        return original(self, msg, *args, **kwargs)

    monkeypatch.setattr(generator.Generator, "flatten", counting)
    checkout = budgets_client.post_form(f"{budgets_url}{budget.id}/ballot/checkout")
    assert checkout.status_code == 303  # the job after it sent the confirmation
    monkeypatch.undo()

    [message] = flattened  # once, for the record and the folder
    session.commit()  # end the test's read: see what the job wrote
    record = session.scalars(select(OutgoingMail)).one()
    [delivered] = tmp_path.glob("*.eml")
    assert record.status == "sent" and record.message == message.as_string()
    assert delivered.read_bytes() == message.as_bytes()
    assert message["To"] == voter.email and str(budget.title[locale]) in message["Subject"]
