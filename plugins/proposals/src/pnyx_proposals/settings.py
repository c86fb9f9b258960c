"""The component's settings, validated by marshmallow (the admin form is generated from them).

``GlobalSettings`` apply in every phase; ``StepSettings`` may differ from one
phase to the next ("supports during the second phase only" is configuration).
Every field has a default, so a new component starts with valid settings.
Lists of taxonomy codes are plain comma-separated text, so the generated form
needs nothing special for them.
"""

from __future__ import annotations

from flask import g
from marshmallow import Schema, fields, validate

from pnyx import api

COUNT = validate.Range(min=0, max=100_000)


def _count(default: int, label: str) -> fields.Integer:
    return fields.Integer(load_default=default, validate=COUNT, metadata={"label": label})


class GlobalSettings(Schema):
    proposal_limit = _count(0, api._l("Proposals per person (0: no limit)"))
    title_max_length = fields.Integer(
        load_default=150,
        validate=validate.Range(min=10, max=200),
        metadata={"label": api._l("Maximum length of a title (characters)")},
    )
    body_min_length = _count(15, api._l("Minimum length of a proposal (characters)"))
    body_max_length = fields.Integer(
        load_default=5000,
        validate=validate.Range(min=50, max=50_000),
        metadata={"label": api._l("Maximum length of a proposal (characters)")},
    )
    territory_required = fields.Boolean(
        load_default=False, metadata={"label": api._l("A territory is required")}
    )
    territory_root = fields.String(
        load_default="",
        validate=validate.Length(max=64),
        metadata={"label": api._l("Territories: only those under this code (empty: all)")},
    )
    theme_codes = fields.String(
        load_default="",
        validate=validate.Length(max=1000),
        metadata={"label": api._l("Themes that apply: codes separated by commas (empty: all)")},
    )
    address_enabled = fields.Boolean(
        load_default=False, metadata={"label": api._l("Proposals may have an address")}
    )
    edit_window_minutes = _count(
        15, api._l("Minutes during which a published proposal is editable")
    )
    support_limit = _count(0, api._l("Supports per person (0: no limit)"))
    support_threshold = _count(0, api._l("Supports a proposal needs (0: no threshold)"))
    minimum_supports_per_person = _count(
        0, api._l("Supports a person must give before theirs count (0: none)")
    )
    reports_to_hide = fields.Integer(
        load_default=3,
        validate=validate.Range(min=0, max=1000),
        metadata={"label": api._l("Reports that hide a proposal automatically (0: never)")},
    )
    answers_with_costs = fields.Boolean(
        load_default=False,
        metadata={"label": api._l("Accepting needs a cost and an execution period (budgets)")},
    )
    collaborative_drafts_enabled = fields.Boolean(
        load_default=False,
        metadata={"label": api._l("Collaborative drafts: residents write proposals together")},
    )


class StepSettings(Schema):
    creation_enabled = fields.Boolean(
        load_default=True, metadata={"label": api._l("Residents may write proposals")}
    )
    supports_enabled = fields.Boolean(
        load_default=True, metadata={"label": api._l("Supports enabled")}
    )
    supports_blocked = fields.Boolean(
        load_default=False,
        metadata={"label": api._l("Supports blocked (shown, but no longer given or taken back)")},
    )
    supports_hidden = fields.Boolean(
        load_default=False, metadata={"label": api._l("Hide the number of supports")}
    )
    # Amendments in this phase: off, visible to everyone, or visible to the proposal's
    # authors only until accepted (two fields: the first gates ``proposals.amend``).
    amendments_enabled = fields.Boolean(
        load_default=False,
        metadata={"label": api._l("Amendments: people may propose changes to proposals")},
    )
    amendments_visibility = fields.String(
        load_default="all",
        validate=validate.OneOf(
            ["all", "authors"],
            labels=[
                api._l("Visible to everyone"),
                api._l("Visible to the proposal's authors only, until accepted"),
            ],
        ),
        metadata={"label": api._l("Who sees amendments"), "widget": "radio"},
    )
    publish_answers_immediately = fields.Boolean(
        load_default=True,
        metadata={"label": api._l("Publish each answer at once (else all together, later)")},
    )


def codes(text: str) -> list[str]:
    """``"a, b ,c"`` → ``["a", "b", "c"]``: a settings list of taxonomy codes."""
    return [code.strip() for code in text.split(",") if code.strip()]


def settings_of(component: api.Component | None = None) -> api.ResolvedSettings:
    """``api.current_settings``, read once per request and component.

    Resolving settings loads them through marshmallow (about a millisecond on a
    small machine); a list page asks for them for every card. The cache key
    holds the stored settings and the active step, so a change made during the
    same application context (tests, CLI) is seen at once.
    """
    component = component if component is not None else api.current_component()
    step = component.space.active_step
    key = (component.id, step.id if step else None, repr(component.settings))
    cache: dict[tuple[object, ...], api.ResolvedSettings] = g.setdefault("proposals_settings", {})
    if key not in cache:
        cache[key] = api.current_settings(component)
    return cache[key]
