"""Outcome engine of the budgets plugin: pure Python, no database, no web framework.

Read a pabulib file, run a rule, certify the result::

    from pnyx_budgets.outcomes import (
        build_certificate, compute_outcome, read_pb, verify_certificate,
    )

    election = read_pb("Poland_Swiecie_2023.pb")
    outcome = compute_outcome(election, "mes-add1")
    certificate = build_certificate(outcome, election)   # JSON-able
    assert verify_certificate(certificate, election) == []

Rules (:data:`RULES`): ``greedy``, ``greedy-no-skip``, ``greedy-threshold``, ``mes`` and
``mes-add1`` (pabulib's ``equalshares/add1``); the functions behind them live in
:mod:`.greedy` and :mod:`.equal_shares`. All arithmetic is exact.
"""

from ._mes_parallel import usable_cores
from .certificate import ballots_digest, build_certificate, verify_certificate

# the rule functions stay in their modules: re-exporting ``greedy`` or ``equal_shares`` here
# would shadow the submodules of the same name (``pnyx_budgets.outcomes.greedy``)
from .equal_shares import MesRound, voter_payments
from .greedy import GreedyStep
from .model import (
    ApprovalBallot,
    Ballot,
    CumulativeBallot,
    Election,
    OrdinalBallot,
    Outcome,
    Project,
)
from .pabulib import PabulibError, parse_pb, read_pb, write_pb
from .registry import RULES, compute_outcome
from .scoring import project_scores, project_votes
from .tiebreak import DEFAULT_SEED, TieBreak

__all__ = [
    "DEFAULT_SEED",
    "RULES",
    "ApprovalBallot",
    "Ballot",
    "CumulativeBallot",
    "Election",
    "GreedyStep",
    "MesRound",
    "OrdinalBallot",
    "Outcome",
    "PabulibError",
    "Project",
    "TieBreak",
    "ballots_digest",
    "build_certificate",
    "compute_outcome",
    "parse_pb",
    "project_scores",
    "project_votes",
    "read_pb",
    "usable_cores",
    "verify_certificate",
    "voter_payments",
    "write_pb",
]
