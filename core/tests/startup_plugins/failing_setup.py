"""Plugin ``failing_setup``: raises inside a setup hook."""

from pnyx import api


@api.hookimpl
def register_space_types():
    raise RuntimeError("boom")
