"""Plugin ``needs_good``: requires ``good_one``."""

from pnyx import api

requires = ("good_one",)


@api.hookimpl
def init_app(app):
    app.config.setdefault("LOAD_ORDER", []).append("needs_good")
