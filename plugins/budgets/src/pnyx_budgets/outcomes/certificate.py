"""Outcome certificates: a JSON record of a count that anyone can check without re-running it.

A certificate names the rule, its version and parameters, a SHA-256 digest of the ballots and
of the projects, and every step of the decision. :func:`verify_certificate` checks each step
against the ballots directly — for greedy rules that the order follows the scores and that
each project fitted or did not; for MES that each round's payments were within the voters'
budgets and covered the cost, and that no other affordable project was cheaper per unit of
utility at that round (see :mod:`._verify_mes`). It never searches for the winners itself.

The ballots digest covers the votes only (not voter ids or metadata), so an anonymised export
of the same ballots has the same digest.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ._verify_common import check_outcome
from ._verify_greedy import verify_greedy_steps
from ._verify_mes import verify_mes_rounds
from .equal_shares import MesRound
from .greedy import GreedyStep
from .model import ApprovalBallot, Ballot, CumulativeBallot, Election, Outcome
from .registry import same_rule
from .tiebreak import DEFAULT_SEED

FORMAT = "pnyx-budgets-outcome-certificate"
VERSION = 2
"""2: ``mes-add1`` certificates carry the completion ``path`` (version 1 could be forged)."""
ENGINE = "pnyx_budgets.outcomes 2"
GREEDY_RULES = ("greedy", "greedy-no-skip", "greedy-threshold", "greedy-no-skip-threshold")
MES_RULES = ("mes", "mes-add1")


def _canonical_vote(ballot: Ballot) -> str:
    if isinstance(ballot, ApprovalBallot):
        return ",".join(sorted(ballot.approved))
    if isinstance(ballot, CumulativeBallot):
        return ",".join(f"{pid}:{points}" for pid, points in sorted(ballot.points))
    return ">".join(ballot.ranking)


def ballots_digest(election: Election) -> str:
    """SHA-256 over the sorted canonical votes (one line each), prefixed by the vote type."""
    # counted per distinct vote and hashed stretch by stretch: a million identical ballots
    # then never become a million strings at once
    counts = Counter(map(_canonical_vote, election.ballots))
    digest = hashlib.sha256(election.vote_type.encode())
    for line in sorted(counts):  # the text is the vote type, then "\n" + each line
        digest.update(("\n" + line).encode() * counts[line])
    if not counts:
        digest.update(b"\n")
    return "sha256:" + digest.hexdigest()


def projects_digest(election: Election) -> str:
    """SHA-256 over the budget and the sorted ``id;cost`` lines."""
    lines = sorted(f"{pid};{p.cost}" for pid, p in election.projects.items())
    text = f"budget;{election.budget}\n" + "\n".join(lines)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def _step_json(step: Any) -> dict[str, Any]:
    if isinstance(step, GreedyStep):
        return {
            "project": step.project,
            "score": step.score,
            "cost": step.cost,
            "decision": step.decision,
            "remaining": str(step.remaining),
        }
    if isinstance(step, MesRound):
        return {
            "project": step.project,
            "price": str(step.price),
            "full_payers": step.full_payers,
            "partial_payments": [[str(amount), n] for amount, n in step.partial_payments],
        }
    raise TypeError(f"no certificate form for {type(step).__name__}")


def _outcome_json(outcome: Outcome) -> dict[str, Any]:
    data = {
        "rule": outcome.rule,
        "parameters": dict(outcome.parameters),
        "winners": list(outcome.winners),
        "total_cost": outcome.total_cost,
        "rounds": [_step_json(step) for step in outcome.rounds],
    }
    if outcome.path:
        data["path"] = [list(stretch) for stretch in outcome.path]
    return data


def build_certificate(outcome: Outcome, election: Election) -> dict[str, Any]:
    """The JSON-able certificate of ``outcome`` computed on ``election``."""
    certificate = {
        "format": FORMAT,
        "version": VERSION,
        "engine": ENGINE,
        "ballots_digest": ballots_digest(election),
        "projects_digest": projects_digest(election),
        "voters": len(election.ballots),
        **_outcome_json(outcome),
    }
    if outcome.witness is not None:
        certificate["witness"] = _outcome_json(outcome.witness)
    return certificate


def verify_certificate(
    cert: Mapping[str, Any],
    election: Election,
    *,
    seed: str | None = None,
    any_rule: bool = False,
    processes: int = 1,
) -> list[str]:
    """The problems found in ``cert`` for ``election``; an empty list means it is valid.

    ``seed``: the tie-break seed the count had to use (announced before the count); by
    default META ``tie_break_seed`` (Pnyx's exports write it), else :data:`DEFAULT_SEED`.
    ``any_rule``: accept a rule other than the one the file's META names.
    ``processes``: how many processes may re-run a ``mes-add1`` completion (same verdict).
    """
    if seed is None:
        seed = election.meta.get("tie_break_seed", "").strip() or DEFAULT_SEED
    try:
        return _verify(cert, election, seed, any_rule, processes)
    except (AttributeError, KeyError, TypeError, ValueError, ZeroDivisionError) as error:
        return [f"malformed certificate: {type(error).__name__}: {error}"]


def _verify(
    cert: Mapping[str, Any], election: Election, seed: str, any_rule: bool, processes: int
) -> list[str]:
    if cert.get("format") != FORMAT or cert.get("version") != VERSION:
        return [f"not a {FORMAT} version {VERSION}"]
    problems = []
    if cert["engine"] != ENGINE:
        problems.append(f"made by {cert['engine']!r}; this verifier checks {ENGINE!r}")
    if cert["voters"] != len(election.ballots):
        problems.append("the certificate counts another number of voters")
    if cert["parameters"]["seed"] != seed:
        problems.append(f"the tie-break seed is not {seed!r}")
    if not any_rule and not same_rule(cert["rule"], election):
        problems.append(f"the file's rule is {election.meta['rule']!r}, not {cert['rule']!r}")
    if cert["ballots_digest"] != ballots_digest(election):
        problems.append("the ballots digest does not match these ballots")
    if cert["projects_digest"] != projects_digest(election):
        problems.append("the projects digest does not match these projects and budget")
    if Fraction(cert["parameters"]["budget"]) != election.budget:
        problems.append("the certificate's budget is not the election's")
    if problems:
        return problems  # steps checked against other ballots would only add noise
    problems += check_outcome(cert, election)
    rule = cert["rule"]
    if rule in GREEDY_RULES:
        problems += verify_greedy_steps(cert, election)
    elif rule in MES_RULES:
        problems += verify_mes_rounds(cert, election, processes)
    else:
        problems.append(f"unknown rule {rule!r}")
    return problems
