"""Official answers: a state (built-in or custom), a translated text, cost and period.

An answer is written, then published: at once when the step setting
``publish_answers_immediately`` is on, otherwise when an admin publishes every
pending answer together. Publishing copies the answer's state to the public
``state`` and tells the author (event ``proposals.answered``).
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_proposals import states
from pnyx_proposals.models import Proposal

MAX_TEXT = 10_000
MAX_COST = decimal.Decimal("999999999999.99")


@attrs.define
class AnswerData:
    """An answer form's (or a CSV row's) values, cleaned."""

    state: str = ""
    texts: dict[str, str] = attrs.field(factory=dict)
    cost: decimal.Decimal | None = None
    execution_period: str = ""

    @classmethod
    def of(cls, proposal: Proposal) -> AnswerData:
        return cls(
            state=proposal.answer_state or "",
            texts=dict(proposal.answer_text or {}),
            cost=proposal.cost,
            execution_period=proposal.execution_period,
        )


def read_answer(
    values: Mapping[str, str],
    allowed_states: Sequence[str],
    locales: Sequence[str],
    with_costs: bool,
) -> tuple[AnswerData, dict[str, str]]:
    """Clean an answer's values (``state``, ``answer_<locale>``, ``cost``,
    ``execution_period``) and return the errors by field."""
    data = AnswerData(
        state=(values.get("state") or "").strip(),
        texts={
            locale: (values.get(f"answer_{locale}") or "").replace("\r\n", "\n").strip()
            for locale in locales
        },
        execution_period=" ".join((values.get("execution_period") or "").split()),
    )
    data.texts = {locale: text for locale, text in data.texts.items() if text}
    errors: dict[str, str] = {}
    if data.state not in allowed_states:
        errors["state"] = api._("Choose a state from the list.")
    for locale, text in data.texts.items():
        if len(text) > MAX_TEXT:
            errors[f"answer_{locale}"] = api._("An answer has at most 10000 characters.")
    _read_cost(values.get("cost") or "", data, errors)
    if len(data.execution_period) > 120:
        errors["execution_period"] = api._("An execution period has at most 120 characters.")
    if with_costs and data.state == states.ACCEPTED:
        if data.cost is None and "cost" not in errors:
            errors["cost"] = api._("Give the cost of an accepted proposal.")
        if not data.execution_period:
            errors["execution_period"] = api._("Give the execution period of an accepted proposal.")
    if data.state == states.REJECTED and not data.texts:
        errors[f"answer_{locales[0]}"] = api._("Explain why the proposal is rejected.")
    return data, errors


def _read_cost(text: str, data: AnswerData, errors: dict[str, str]) -> None:
    if not text.strip():
        return
    try:
        # The core's reader: finite (never NaN), ASCII digits, in range.
        cost = api.parse_decimal(text, label="cost", maximum=MAX_COST)
    except api.InvalidInput:
        errors["cost"] = api._("Write the cost as a number, such as 12500 or 12500.50.")
        return
    data.cost = cost.quantize(decimal.Decimal("0.01"))


def save_answer(session: Session, proposal: Proposal, data: AnswerData, publish: bool) -> None:
    """Store the answer on ``proposal`` and publish it if ``publish``."""
    proposal.answer_state = data.state
    proposal.answer_text = dict(data.texts)
    proposal.cost = data.cost
    proposal.execution_period = data.execution_period
    proposal.answered_at = api.utcnow()
    api.log_action(
        session,
        "proposals.answer_saved",
        resource=proposal.resource,
        component=proposal.component,
        extra={"state": data.state},
    )
    if publish:
        publish_answer(session, proposal)


def publish_answer(session: Session, proposal: Proposal) -> None:
    """Make the proposal's answer public and tell its author."""
    assert proposal.answer_state is not None
    proposal.state = proposal.answer_state
    proposal.answer_published_at = api.utcnow()
    api.log_action(
        session,
        "proposals.answer_published",
        resource=proposal.resource,
        component=proposal.component,
        visibility="public",
        extra={"state": proposal.state},
    )
    payload: dict[str, Any] = {
        "proposal_id": proposal.id,
        "component_id": proposal.component_id,
        "state": proposal.state,
        "author_id": proposal.author_id,
        "affected_user_ids": [proposal.author_id] if proposal.author_id else [],
    }
    api.publish_event(session, "proposals.answered", payload)


def pending(component_id: int) -> Any:
    """Answers written and not yet published (or changed since they were)."""
    return select(Proposal).where(
        Proposal.component_id == component_id,
        Proposal.answer_state.is_not(None),
        or_(
            Proposal.answer_published_at.is_(None),
            Proposal.answered_at > Proposal.answer_published_at,
        ),
    )


def publish_pending(session: Session, component: api.Component) -> int:
    """Publish every pending answer of the component together; return how many."""
    proposals = list(session.scalars(pending(component.id).with_for_update()))
    for proposal in proposals:
        publish_answer(session, proposal)
    return len(proposals)
