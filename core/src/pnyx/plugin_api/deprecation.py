"""Names of ``pnyx.api`` kept for one minor version after a rename (docs/hooks.md, "Deprecations").

``pnyx.api`` resolves them in its module ``__getattr__``: the old name keeps
working and warns once per place of use with a :class:`DeprecationWarning`
naming the new one.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

#: Old name -> (new name as plugins write it, how to get the object).
Resolver = Callable[[], Any]


class PnyxDeprecationWarning(DeprecationWarning):
    """A name of the plugin API that will be removed in the next minor version."""


def resolve(old: str, renamed: dict[str, tuple[str, Resolver]], module: str) -> Any:
    if old not in renamed:
        raise AttributeError(f"module {module!r} has no attribute {old!r}")
    new, get = renamed[old]
    warnings.warn(
        f"pnyx.api.{old} is deprecated since Pnyx 1.0 and goes in 1.1: use {new}",
        PnyxDeprecationWarning,
        stacklevel=3,
    )
    return get()
