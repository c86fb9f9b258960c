"""Public statistics (issue 21): the ``statistics`` hook, its pages and charts.

Plugins contribute :class:`pnyx.statistics.figures.Figure` values through the
``statistics`` hook; :mod:`.collect` adds them up for the components a reader may
see, :mod:`.views` serves ``/statistics`` and ``/spaces/<slug>/statistics``,
:mod:`.charts` draws the running totals as SVG without JavaScript.
"""

from __future__ import annotations

from flask import Flask


def init_statistics(app: Flask) -> None:
    from pnyx.statistics.labels import age_group_label, kind_label
    from pnyx.statistics.people import MINIMUM_GROUP
    from pnyx.statistics.views import blueprint

    app.register_blueprint(blueprint)
    app.jinja_env.globals.update(
        kind_label=kind_label, age_group_label=age_group_label, minimum_group=MINIMUM_GROUP
    )
