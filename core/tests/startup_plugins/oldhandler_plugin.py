"""A plugin written before Pnyx 1.0: it registers a handler with the old hook name."""

from pnyx import api


@api.hookimpl
def register_authorization_handlers():
    return [api.verification.Handler(name="oldhandler_card", label="Old card")]
