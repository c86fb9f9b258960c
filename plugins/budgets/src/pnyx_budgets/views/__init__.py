"""The plugin's pages: public (``budgets``) and admin (``budgets_admin``) blueprints.

Importing :func:`blueprints` loads every view module, which adds its routes
to one of the two blueprints.
"""

from __future__ import annotations

from flask import Blueprint


def blueprints() -> tuple[Blueprint, Blueprint]:
    """``(public, admin)``, with every route registered."""
    from pnyx_budgets.views import (  # noqa: F401  (importing registers the routes)
        admin_eligibility,
        admin_followup,
        admin_imports,
        admin_outcome,
        admin_projects,
        changes,
        checkout,
        results,
        voting,
    )
    from pnyx_budgets.views.admin import blueprint as admin
    from pnyx_budgets.views.public import blueprint as public

    return public, admin
