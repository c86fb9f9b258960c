"""The permission-check delegation pattern, and asking again about a resource in a view.

A plugin's ``permission_check`` hook is called for every action of every
plugin. Written by hand it becomes a chain of ``if action == ...`` that must
remember to answer ``None`` for actions it does not know. :class:`PermissionRules`
is that chain as a table: one small function per action (optionally per
target type), and one line for the hook::

    rules = api.PermissionRules()

    @rules.on("proposals.edit", Proposal)
    def _edit(user, proposal):
        return user is not None and proposal.author_id == user.id

    @api.hookimpl
    def permission_check(user, action, target):
        return rules.check(user, action, target)

A route's guard (``@api.requires``) asks about the component; a view acting
on one record asks again about that record with :func:`require`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

from flask import abort, g

from pnyx.models import User
from pnyx.permissions import Decision, decide
from pnyx.web.guards import deny

#: ``(user, target) -> bool | None``: ``False`` forbids, ``True`` or ``None`` do not object.
Rule = Callable[[User | None, Any], bool | None]


class PermissionRules:
    """A plugin's opinions in the permission engine, one function per action."""

    def __init__(self) -> None:
        self._rules: dict[str, list[tuple[type | None, Rule]]] = {}

    def on(self, action: str, target_type: type | None = None) -> Callable[[Rule], Rule]:
        """Register the decorated function for ``action`` (on targets of ``target_type``).

        Several functions may apply to one action; any ``False`` wins. A
        function registered without ``target_type`` is asked for every target.
        """

        def register(rule: Rule) -> Rule:
            self._rules.setdefault(action, []).append((target_type, rule))
            return rule

        return register

    def check(self, user: User | None, action: str, target: Any) -> bool | None:
        """The hook's answer: ``False`` when a rule forbids, else ``None`` (no objection)."""
        for target_type, rule in self._rules.get(action, ()):
            if target_type is not None and not isinstance(target, target_type):
                continue
            if rule(user, target) is False:
                return False
        return None


def require(action: str, target: Any) -> Decision:
    """Ask the engine whether the current person may do ``action`` on ``target``; stop if not.

    Returns the (allowing) decision. Refused: a person who is not signed in is
    sent to the sign-in page (and back here afterwards); anyone else gets the
    403 page that says why. Use it in a view acting on one record, after the
    route's ``@api.requires`` checked the component.
    """
    decision = decide(g.get("user"), action, target)
    if not decision:
        _refuse(decision)
    return decision


def _refuse(decision: Decision) -> NoReturn:
    abort(deny(decision))
