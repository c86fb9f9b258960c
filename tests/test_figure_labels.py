"""A figure the space page's box reads from the ``statistics`` hook
(``api.statistics.figure_value``) is called the same on the statistics pages: its label is
written once, in each plugin's ``statistics`` LABELS."""

from __future__ import annotations

import pytest
from flask_babel import force_locale

from pnyx.statistics.per_component import FigureValue

pytestmark = pytest.mark.pnyx_plugins(
    "proposals", "meetings", "budgets", "mutual_aid", "surveys", "comments"
)

#: Named otherwise on purpose: a survey's own box says "People who answered" where the
#: organization's statistics, next to other plugins' figures, say "Answers to surveys".
NAMED_FOR_THEIR_BOX = {"surveys_participants", "surveys_written"}


@pytest.mark.parametrize("locale", ["en", "fr", "co"])
def test_a_figure_read_by_the_space_page_has_the_statistics_label(
    app, session, make_space, make_component, locale
) -> None:
    registry = app.extensions["pnyx.plugins"].registry
    space = make_space(slug="labels")
    checked = 0
    with app.test_request_context(), force_locale(locale):
        for name, component_type in registry.component_types.items():
            component = make_component(space, name)
            for definition in component_type.stats:
                if not isinstance(definition.compute, FigureValue):
                    continue
                if definition.name in NAMED_FOR_THEIR_BOX:
                    continue
                found = definition.compute.figures([component], session) or []
                labels = {figure.name: figure.label for figure in found}
                assert str(definition.label) == labels[definition.compute.name], definition.name
                checked += 1
    assert checked >= 6  # meetings, proposals and mutual aid read two figures each
