"""Exact MES at many endowments at once, sharing the work of runs with a common history.

Add1 completion runs MES at hundreds of consecutive endowments, and runs at nearby
endowments usually fund the same first projects in the same order. The solver walks the tree
of funding histories depth first: a node (:mod:`._mes_nodes`) holds every run whose first
rounds funded the same projects, so the budgets of the cells a win creates are written once per
node for all its runs, and supporter counts per cell once per *set* of funded projects, whatever
the order (cells are masks of funded projects, :mod:`._mes_cells`). Within a node the runs
are visited from the highest endowment down. With a fixed history every budget grows with the
endowment, so a candidate's effective vote count at a higher endowment bounds it at every lower
one: the first run's evaluations
prune most of the others', and the others usually get their winner's exact price from the
first run's capped/uncapped split (:func:`._mes_template.template_price`).

Decisions are exact: floats only screen, and each round's winner is certified against every
candidate that could still beat it (:meth:`MesSolver._challenger`).
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from ._mes_cells import CellTree, ballot_masks
from ._mes_eval import Evaluation, evaluate, exact_price
from ._mes_nodes import Node, NodeCells
from ._mes_run import ULP, EndowmentRun
from ._mes_template import template_price

SCREEN = 1 - 1e-7
"""Candidates whose bound is this close to the best float count are evaluated too."""


class MesSolver:
    """MES (approval ballots, cost utilities) on a fixed set of voters and projects.

    ``supporters[c]`` lists the voters (0..n-1) approving project ``c``; ``rank[c]`` is its
    tie-break rank (0 wins every tie). A "voter" may stand for ``weights[v]`` voters with the
    same ballot (see :mod:`._mes_instance`); every count of voters is then a sum of weights.
    """

    def __init__(
        self,
        costs: list[int],
        supporters: list[list[int]],
        rank: list[int],
        excluded: frozenset[int] = frozenset(),
        weights: list[int] | None = None,
        masks: list[int] | None = None,
    ) -> None:
        self.costs = costs
        self.rank = rank
        if weights is None:
            weights = [1] * (1 + max((max(s) for s in supporters if s), default=-1))
        self.votes = [sum(map(weights.__getitem__, s)) for s in supporters]
        self.types = len(weights)
        # a free project or one nobody approves is never priced (as on equalshares.net), nor
        # is an ``excluded`` (withdrawn) one
        self.candidates = [
            c for c, cost in enumerate(costs) if cost > 0 and supporters[c] and c not in excluded
        ]
        if masks is None:  # each voter's approved projects as a bit mask
            masks = ballot_masks(supporters, len(weights))
        self.cells = NodeCells(supporters, weights, masks)

    def solve(self, endowments: Iterable[Fraction]) -> dict:
        """Run MES at each endowment; returns ``{endowment: EndowmentRun}``."""
        runs = [
            EndowmentRun(Fraction(e), self.candidates, self.votes, len(self.costs))
            for e in sorted(set(endowments), reverse=True)
        ]
        self.cells.trim()
        tree = self.cells.tree
        # frame: [node, runs, iterator over (winner, runs)]
        stack: list[list] = [[Node(None, None, runs[0]) if runs else None, runs, None]]
        while stack:
            frame = stack[-1]
            node, children = frame[0], frame[2]
            if children is None:
                groups: dict[int | None, list[EndowmentRun]] = {}
                for run in frame[1]:
                    groups.setdefault(self._round(tree, node, run), []).append(run)
                frame[2] = children = iter(groups.items())
            step = next(children, None)
            if step is None:
                stack.pop()
                continue
            project, group = step
            if project is None:  # these runs are over; their shadows are no longer needed
                for run in group:
                    run.budget = []
                continue
            self.cells.split(tree, node, project, group)
            stack.append([Node(node, project, group[0]), group, None])
        return {run.endowment: run for run in runs}

    def _price(self, tree: CellTree, node: Node, run: EndowmentRun, c: int) -> Evaluation | None:
        entry = self.cells.entry(tree, node, c)
        ev = template_price(run, tree, c, self.costs[c], entry)
        if ev is None:
            ev = evaluate(run, tree, c, self.costs[c], entry)
        if ev is None:
            del run.bound[c]
            node.dead.add(c)
        else:
            run.bound[c] = node.bound[c] = ev.upper
        return ev

    def _round(self, tree: CellTree, node: Node, run: EndowmentRun) -> int | None:
        """Decide the next project ``run`` funds (None: nothing is affordable) and fund it."""
        bound = run.bound
        for c in node.dead.intersection(bound):
            del bound[c]
        # the tighter of the run's own bounds and those of higher-endowment runs of the node
        tighter = map(min, bound.values(), map(node.bound.get, bound, bound.values()))
        limit = dict(zip(bound, tighter, strict=True))
        evals: dict[int, Evaluation] = {}
        best, best_evc = None, 0.0
        order = sorted(limit, key=limit.__getitem__, reverse=True)
        for i, c in enumerate(order):
            if best is not None and limit[c] < best_evc * SCREEN:
                del order[:i]  # sorted by bound: nobody further down can win
                break
            ev = self._price(tree, node, run, c)
            if ev is None:
                continue
            evals[c] = ev
            if best is None or (ev.evc, -self.rank[c]) > (best_evc, -self.rank[best]):
                best, best_evc = c, ev.evc
        if best is None:
            return None
        while True:  # each switch strictly improves (count, tie rank): this ends
            num, den = self._exact(tree, node, run, evals[best])
            challenger = self._challenger(tree, node, run, best, num, den, evals, order, limit)
            if challenger is None:
                break
            best = challenger
        run.commit(best, num, den)
        return best

    def _exact(self, tree: CellTree, node: Node, run: EndowmentRun, ev: Evaluation) -> tuple:
        if ev.exact is None:
            entry = self.cells.entry(tree, node, ev.project)
            ev.exact = exact_price(run, tree, ev, entry[2], entry[4])
        return ev.exact

    def _challenger(
        self,
        tree: CellTree,
        node: Node,
        run: EndowmentRun,
        best: int,
        num: int,
        den: int,
        evals: dict[int, Evaluation],
        rest: list[int],
        limit: dict[int, float],
    ) -> int | None:
        """A candidate that beats ``best`` (price ``num/den``) exactly, or None.

        ``c`` loses iff its price exceeds ``q = cost_c * price / cost_best`` (its effective
        vote count is then lower), i.e. iff its supporters cannot pay ``cost_c`` when nobody
        pays more than ``q``: ``f_c(q) < cost_c``. The float test is certified by the error
        bound; only a near tie is settled with the exact price. ``rest``: the candidates the
        screening skipped, by decreasing bound ``limit``.
        """
        cost = self.costs[best]
        evc = cost * den / num
        for c in rest:  # those the float screening margin did not cover
            if c in evals or c not in run.bound:
                continue
            if limit[c] < evc * (1 - 8 * ULP):
                break
            ev = self._price(tree, node, run, c)
            if ev is not None:
                evals[c] = ev
        for c, ev in evals.items():
            if c == best or c not in run.bound:
                continue
            if ev.exact is None:
                q = Fraction(ev.cost * num, cost * den)
                q_float = q.numerator / q.denominator
                slack = ev.cum[-1] * ULP * q_float  # rounding q itself moves f by at most this
                if ev.f_upper(run.eps, q_float) + slack < ev.cost:
                    continue
                if ev.f_lower(run.eps, q_float) - slack > ev.cost:
                    return c
            c_num, c_den = self._exact(tree, node, run, ev)
            mine, theirs = ev.cost * c_den * num, cost * den * c_num  # evc_c vs evc_best
            if mine > theirs or (mine == theirs and self.rank[c] < self.rank[best]):
                return c
        return None
