"""The plugin's two blueprints; views attach themselves to them when their modules load.

Mounted by the core: ``surveys`` at ``/spaces/<space_slug>/surveys/<component_id>/``,
``surveys_admin`` at ``/admin/spaces/<space_slug>/surveys/<component_id>/``.
"""

from __future__ import annotations

from flask import Blueprint

public = Blueprint("surveys", __name__)
admin = Blueprint("surveys_admin", __name__)
