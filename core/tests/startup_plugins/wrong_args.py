"""Plugin ``wrong_args``: a hook implementation asking for an argument the hook lacks."""

from pnyx import api


@api.hookimpl
def menu_links(menu, user, colour):
    return []
