"""Answer states: the three built in, plus each component's custom states.

A proposal's public ``state`` is ``not_answered`` until an answer is
published; ``withdrawn`` is shown from ``withdrawn_at``, not stored in
``state``, so withdrawing keeps the answer.
"""

from __future__ import annotations

import re

import attrs
from sqlalchemy import select

from pnyx import api
from pnyx_proposals.models import CustomState

NOT_ANSWERED = "not_answered"
EVALUATING = "evaluating"
ACCEPTED = "accepted"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"
BUILT_IN = (EVALUATING, ACCEPTED, REJECTED)
#: Codes a custom state may not take.
RESERVED = frozenset({NOT_ANSWERED, WITHDRAWN, *BUILT_IN})
CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@attrs.frozen
class StateChoice:
    """A state as shown: its code, translated label and colour."""

    code: str
    label: str
    colour: str


def built_in_labels() -> dict[str, str]:
    return {
        NOT_ANSWERED: api._("Not answered"),
        EVALUATING: api._("Evaluating"),
        ACCEPTED: api._("Accepted"),
        REJECTED: api._("Rejected"),
        WITHDRAWN: api._("Withdrawn"),
    }


BUILT_IN_COLOURS = {
    NOT_ANSWERED: "#4a4a4a",
    EVALUATING: "#8a5a00",
    ACCEPTED: "#1e6b34",
    REJECTED: "#a4161a",
    WITHDRAWN: "#4a4a4a",
}


def custom_states(component_id: int) -> list[CustomState]:
    query = (
        select(CustomState)
        .where(CustomState.component_id == component_id)
        .order_by(CustomState.position, CustomState.id)
    )
    return list(api.db_session().scalars(query))


def answer_choices(component_id: int) -> list[StateChoice]:
    """The states an answer may take in this component: built-in, then custom (one query)."""
    labels = built_in_labels()
    choices = [StateChoice(code, labels[code], BUILT_IN_COLOURS[code]) for code in BUILT_IN]
    for state in custom_states(component_id):
        choices.append(StateChoice(state.code, api.translated(state.label), state.colour))
    return choices


def public_choices(component_id: int) -> list[StateChoice]:
    """The states a resident may filter on: not answered, the answer states, withdrawn."""
    labels = built_in_labels()
    return [
        StateChoice(NOT_ANSWERED, labels[NOT_ANSWERED], BUILT_IN_COLOURS[NOT_ANSWERED]),
        *answer_choices(component_id),
        StateChoice(WITHDRAWN, labels[WITHDRAWN], BUILT_IN_COLOURS[WITHDRAWN]),
    ]


def shown_state(proposal: object, choices: dict[str, StateChoice]) -> StateChoice:
    """How a proposal's state is shown (withdrawn wins over the answer)."""
    code = WITHDRAWN if getattr(proposal, "withdrawn_at", None) else proposal.state  # type: ignore[attr-defined]
    fallback = StateChoice(code, code, BUILT_IN_COLOURS[NOT_ANSWERED])
    return choices.get(code, fallback)


def supportable_state(state: str) -> bool:
    """Rejected proposals cannot be supported (withdrawn ones are checked apart)."""
    return state != REJECTED
