"""Component settings: three stored levels, validated on write, defaults on read.

Stored shape (``Component.settings``)::

    {"global": {...}, "default_step": {...}, "steps": {"<step id>": {...}}}

The active step's settings apply; a step without its own settings uses
``default_step``. Each level is validated by the component type's marshmallow
schema (``global_settings`` or ``step_settings``).
"""

from __future__ import annotations

import copy
import functools
import json
from decimal import Decimal
from typing import Any

import attrs
import marshmallow
from flask import current_app
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from pnyx.errors import SettingsError
from pnyx.manifests import ComponentType
from pnyx.models import Component

LEVELS = ("global", "default_step", "steps")


@attrs.frozen
class ResolvedSettings:
    """The settings that apply now: ``global_`` and the active step's ``step``."""

    global_: dict[str, Any]
    step: dict[str, Any]
    step_id: int | None

    def get(self, key: str, default: Any = None) -> Any:
        """A step setting if the step has it, else a global one."""
        if key in self.step:
            return self.step[key]
        return self.global_.get(key, default)


@functools.cache
def _schema(schema_class: type | None) -> marshmallow.Schema | None:
    """One instance per settings class and process: building a schema costs more than
    loading a component's settings with it (profiled: a third of ``current_settings``), and
    ``load``/``dump`` keep no state between calls."""
    return schema_class() if schema_class is not None else None


def validate_settings(component_type: ComponentType, settings: dict[str, Any]) -> dict[str, Any]:
    """Validate every level; return the cleaned settings or raise :class:`SettingsError`.

    Error keys are ``global.<field>``, ``default_step.<field>`` and
    ``steps.<id>.<field>`` so a form can show each next to its field.
    """
    unknown = set(settings) - set(LEVELS)
    errors: dict[str, Any] = {f"{key}": ["Unknown settings level."] for key in unknown}
    cleaned: dict[str, Any] = {"global": {}, "default_step": {}, "steps": {}}
    global_schema = _schema(component_type.global_settings)
    step_schema = _schema(component_type.step_settings)
    _load_level(global_schema, settings.get("global") or {}, "global", cleaned, errors)
    _load_level(step_schema, settings.get("default_step") or {}, "default_step", cleaned, errors)
    for step_id, values in (settings.get("steps") or {}).items():
        target: dict[str, Any] = cleaned["steps"]
        _load_level(step_schema, values or {}, f"steps.{step_id}", target, errors, str(step_id))
    if errors:
        raise SettingsError(errors)
    return cleaned


def _load_level(
    schema: marshmallow.Schema | None,
    values: dict[str, Any],
    prefix: str,
    cleaned: dict[str, Any],
    errors: dict[str, Any],
    key: str | None = None,
) -> None:
    if schema is None:
        if values:
            errors[prefix] = ["This component type has no such settings."]
        return
    try:
        # Dump after load, so dates and decimals are stored as JSON values.
        cleaned[key or prefix] = json_safe(schema.dump(schema.load(values)))
    except marshmallow.ValidationError as error:
        for field, messages in _flat(error.messages).items():
            errors[f"{prefix}.{field}"] = messages


def json_safe(value: Any) -> Any:
    """What a schema dumped, made storable as JSON (a ``Decimal`` setting becomes a string)."""
    if isinstance(value, dict):
        return {key: json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    if isinstance(value, Decimal):
        return str(value)
    return value


def _flat(messages: Any) -> dict[str, list[str]]:
    if isinstance(messages, dict):
        return {str(k): v if isinstance(v, list) else [str(v)] for k, v in messages.items()}
    return {"_schema": list(messages)}


def read_level(schema_class: type | None, stored: dict[str, Any]) -> dict[str, Any]:
    """Stored values with defaults filled in; values that no longer validate
    (after a plugin upgrade, say) fall back to their defaults instead of failing.

    Pages ask for a component's settings several times each (permissions, the page, the
    slots): loading them with marshmallow each time was a tenth of a proposal page's CPU.
    Loading is a pure function of the schema and the stored values, so the result is kept
    per process under both (a copy is returned: callers may change theirs)."""
    try:
        key = (schema_class, json.dumps(stored, sort_keys=True))
    except (TypeError, ValueError):  # not JSON: nothing stored looks like this, but load it
        return _read_level(schema_class, stored)
    return copy.deepcopy(_cached_level(*key))


@functools.lru_cache(maxsize=1024)
def _cached_level(schema_class: type | None, stored_json: str) -> dict[str, Any]:
    return _read_level(schema_class, json.loads(stored_json))


def _read_level(schema_class: type | None, stored: dict[str, Any]) -> dict[str, Any]:
    schema = _schema(schema_class)
    if schema is None:
        return {}
    try:
        loaded = schema.load(stored, unknown=marshmallow.EXCLUDE)
    except marshmallow.ValidationError as error:
        valid = error.valid_data if isinstance(error.valid_data, dict) else {}
        loaded = {**schema.load({}, unknown=marshmallow.EXCLUDE), **valid}
    return loaded


def current_settings(component: Component) -> ResolvedSettings:
    """The settings that apply to ``component`` now, given its space's active step."""
    registry = current_app.extensions["pnyx.plugins"].registry
    component_type = registry.component_type(component.type)
    if component_type is None:
        return ResolvedSettings({}, {}, None)
    stored = component.settings or {}
    step = component.space.active_step
    step_values = stored.get("default_step") or {}
    if step is not None and str(step.id) in (stored.get("steps") or {}):
        step_values = stored["steps"][str(step.id)]
    return ResolvedSettings(
        global_=read_level(component_type.global_settings, stored.get("global") or {}),
        step=read_level(component_type.step_settings, step_values),
        step_id=step.id if step else None,
    )


def validate_changed_settings(session: Session, _context: object, _instances: object) -> None:
    """``before_flush`` listener: settings are validated on every write, whoever writes.

    Components whose ``settings`` changed are validated and cleaned; invalid
    settings raise :class:`SettingsError` and nothing is written.
    """
    components = [c for c in (*session.new, *session.dirty) if isinstance(c, Component)]
    if not components:
        return  # most flushes (and sessions outside the app, which the factory watches too)
    registry = current_app.extensions["pnyx.plugins"].registry
    for component in components:
        if (
            component in session.dirty
            and not inspect(component).attrs.settings.history.has_changes()
        ):
            continue
        component_type = registry.component_type(component.type)
        if component_type is not None:
            component.settings = validate_settings(component_type, component.settings or {})


def watch_settings(sessions: Session | sessionmaker) -> None:
    """Validate settings on every flush of ``sessions`` (one, or a factory's every session)."""
    event.listen(sessions, "before_flush", validate_changed_settings)
