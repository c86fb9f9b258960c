"""Pricing a candidate from the capped/uncapped split of the node's previous run.

Runs of a node are visited from the highest endowment down. One currency unit less per voter
changes budgets a little, so a candidate's supporters split almost as before into *capped*
cells (they pay all they have) and *payers* (they pay the full price). Starting from the
previous split the price costs ``O(funded projects)`` (:func:`._mes_eval.exact_price`'s
formula); the split is then repaired — cells that fell below the price become capped, capped
cells that can now pay become payers, cells that ran dry leave — and accepted only when the
shadows prove every cell is on the right side of the exact price. Anything unclear returns
None and the caller evaluates in full.
"""

from __future__ import annotations

import math
from itertools import compress, repeat
from operator import gt, lt, not_

from ._mes_cells import CellTree
from ._mes_eval import Evaluation, Split
from ._mes_run import ULP, EndowmentRun

REPAIRS = 6
"""Give up (and sort in full) after this many repair passes."""


def template_price(
    run: EndowmentRun, tree: CellTree, project: int, cost: int, entry: list
) -> Evaluation | None:
    """The exact price of ``project`` from the node's last split (see the module docstring)."""
    last: Split | None = entry[4].get("template")
    if last is None:
        return None
    counts, eps = entry[2], run.eps
    split = last  # copied on the first change only: most runs reuse it as it is
    held = split.shadows(run, payers=False)
    if held and min(held) <= eps:  # some capped cells ran dry: drop them
        if min(map(abs, held)) <= eps:
            return None
        alive = list(map(gt, held, repeat(eps)))
        split = split.copy()
        split.shift(tree, list(compress(split.capped, map(not_, alive))), counts, -1)
        split.capped = list(compress(split.capped, alive))
        held = list(compress(held, alive))
    paying = None  # the payers' shadows, read once and then kept in step with split.payers
    for _ in range(REPAIRS):
        num, den = split.price(run, cost)
        if num <= 0 or den <= 0:
            return None
        price = num / den
        low, high = price - 2 * eps - 4 * ULP * price, price + 2 * eps + 4 * ULP * price
        if held and max(held) >= low:  # capped cells that can pay the full price now
            stays = list(map(lt, held, repeat(low)))
            rich = list(compress(held, map(not_, stays)))
            if min(rich) <= high:
                return None  # too close to call on floats
            if split is last:
                split = split.copy()
            risen = list(compress(split.capped, map(not_, stays)))
            split.shift(tree, risen, counts, -1)
            split.paying_voters += sum(map(counts.__getitem__, risen))
            split.capped = list(compress(split.capped, stays))
            split.payers = split.payers + risen
            if paying is not None:
                paying = [*paying, *rich]
            held = list(compress(held, stays))
            continue
        if paying is None:
            paying = split.shadows(run, payers=True)
        if not paying or min(paying) > high:
            break
        stays = list(map(gt, paying, repeat(high)))
        poor = list(compress(paying, map(not_, stays)))
        if max(poor) >= low or min(map(abs, poor)) <= eps:
            return None  # too close to call on floats
        if split is last:
            split = split.copy()
        leaving = list(compress(split.payers, map(not_, stays)))
        fell = [cell for cell, b in zip(leaving, poor, strict=True) if b > eps]
        split.paying_voters -= sum(map(counts.__getitem__, leaving))
        split.shift(tree, fell, counts, 1)  # the rest of ``leaving`` ran dry
        split.capped = split.capped + fell
        held = [*held, *(b for b in poor if b > eps)]
        split.payers = list(compress(split.payers, stays))
        paying = list(compress(paying, stays))
    else:
        return None
    if not split.payers:
        return None
    entry[4]["template"] = split
    common = math.gcd(num, den)
    ev = Evaluation()
    ev.project, ev.cost, ev.exact = project, cost, (num // common, den // common)
    ev.evc = cost * den / num
    ev.upper = ev.evc * (1 + 4 * ULP)
    return ev
