"""Component settings: validated on every write, defaults on read, active step applies."""

from __future__ import annotations

import pytest

from pnyx.errors import SettingsError
from pnyx.settings import current_settings, validate_settings


@pytest.fixture
def pnyx_plugins(fake_plugins):
    fake_plugins(sample="sample_plugin")
    return ["sample"]


def sample_type(app):
    return app.extensions["pnyx.plugins"].registry.component_type("sample")


def test_defaults_fill_every_level(app) -> None:
    cleaned = validate_settings(sample_type(app), {})
    assert cleaned == {
        "global": {"max_length": 100, "title": ""},
        "default_step": {"posting_enabled": False},
        "steps": {},
    }


def test_unknown_keys_and_bad_values_are_refused_per_field(app) -> None:
    with pytest.raises(SettingsError) as error:
        validate_settings(
            sample_type(app),
            {
                "global": {"max_length": 0, "colour": "red"},
                "steps": {"7": {"posting_enabled": "maybe"}},
            },
        )
    messages = error.value.messages
    assert set(messages) == {"global.max_length", "global.colour", "steps.7.posting_enabled"}


def test_active_step_settings_apply(app, session, make_space, make_component) -> None:
    space = make_space(steps=2, active=1)
    _first, second = space.steps
    component = make_component(
        space,
        "sample",
        settings={
            "default_step": {"posting_enabled": False},
            "steps": {str(second.id): {"posting_enabled": True}},
        },
    )
    with app.test_request_context():
        resolved = current_settings(component)
        assert resolved.get("posting_enabled") is True
        assert resolved.get("max_length") == 100
        assert resolved.step_id == second.id


def test_step_without_own_settings_uses_default_step(app, make_space, make_component) -> None:
    space = make_space(steps=2, active=0)
    component = make_component(
        space, "sample", settings={"default_step": {"posting_enabled": True}}
    )
    with app.test_request_context():
        assert current_settings(component).get("posting_enabled") is True


def test_invalid_settings_are_never_written(app, session, make_space, make_component) -> None:
    component = make_component(make_space(), "sample")
    component.settings = {"global": {"max_length": -5}}
    with pytest.raises(SettingsError):
        session.flush()
    session.rollback()


def test_stale_stored_values_fall_back_to_defaults(
    app, session, make_space, make_component
) -> None:
    component = make_component(make_space(), "sample")
    # Written behind the validator's back, as an old plugin version might have left it.
    session.execute(
        component.__table__.update()
        .where(component.__table__.c.id == component.id)
        .values(
            settings={"global": {"max_length": "lots", "gone": 1}, "default_step": {}, "steps": {}}
        )
    )
    session.commit()
    session.refresh(component)
    with app.test_request_context():
        assert current_settings(component).get("max_length") == 100


def test_loaded_levels_are_kept_per_process_but_each_caller_gets_its_own_copy(app) -> None:
    """Loading is memoised (a page asks several times); a caller changing its copy changes
    nobody else's."""
    from pnyx.settings import read_level

    schema = app.extensions["pnyx.plugins"].registry.component_type("sample").global_settings
    first = read_level(schema, {"max_length": 30})
    first["max_length"] = 1

    assert read_level(schema, {"max_length": 30})["max_length"] == 30
    assert read_level(schema, {"max_length": 31})["max_length"] == 31
