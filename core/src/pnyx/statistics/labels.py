"""What the statistics pages call each kind of figure and each age group."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

KIND_LABELS = {
    "contributions": _l("Contributions"),
    "supports": _l("Supports"),
    "votes": _l("Votes"),
    "registrations": _l("Registrations"),
    "answers": _l("Answers"),
    "comments": _l("Comments"),
    "other": _l("Other figures"),
}


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, KIND_LABELS["other"]))


def age_group_label(group: tuple[int, int | None]) -> str:
    low, high = group
    if high is None:
        return _("%(low)d and over", low=low)
    if low == 0:
        return _("Under %(high)d", high=high + 1)
    return _("%(low)d to %(high)d", low=low, high=high)
