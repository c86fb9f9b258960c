"""Error messages people can act on, in their language.

Marshmallow's own messages are English and technical ("Not a valid
integer."). When a field fails with one of marshmallow's *default* messages,
the form layer shows a translated sentence that says what to enter instead.
Messages a schema author wrote (``validate.Range(..., error=_l("..."))``)
are kept as they are.
"""

from __future__ import annotations

import contextlib
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext
from marshmallow import ValidationError, fields, validate

from pnyx.forms.fields import TranslatedText

_FIELD_DEFAULTS = fields.Field.default_error_messages


def _type_messages() -> dict[str, str]:
    return {
        "integer": _("Enter a whole number, such as 12."),
        "decimal": _("Enter a number, such as 12.5."),
        "date": _("Enter a date as year-month-day, such as 2026-09-30."),
        "datetime": _("Enter a date and a time, such as 2026-09-30 18:00."),
        "email": _("Enter an e-mail address, such as name@example.org."),
        "url": _("Enter a web address that starts with https://."),
        "checkbox": _("Tick the box or leave it empty."),
        "select": _("Choose one of the options."),
        "radio": _("Choose one of the options."),
        "checkboxes": _("Choose among the options."),
    }


def required_message() -> str:
    return _("This field is required.")


def humane(field: fields.Field, widget: str, message: str, raw: Any) -> str:
    """``message`` for ``field``, replaced by a translated one when it is marshmallow's default."""
    message = str(message)
    if message in (_FIELD_DEFAULTS["required"], _FIELD_DEFAULTS["null"]):
        return required_message()
    if isinstance(field, TranslatedText):
        if message == field.error_messages["empty"]:
            return _("Write this text in at least one language.")
        if message == field.error_messages["too_long"].format(max_length=field.max_length):
            return ngettext(
                "Write at most %(num)d character in each language.",
                "Write at most %(num)d characters in each language.",
                field.max_length or 0,
            )
    if message in _default_type_messages(field) or _is_default_one_of(message, widget):
        return _type_messages().get(widget, _("This value is not valid."))
    return _validator_message(field, widget, raw) or message


def _default_type_messages(field: fields.Field) -> set[str]:
    """The field class's own default messages (not the ones its author overrode)."""
    defaults: set[str] = set()
    for cls in type(field).__mro__:
        for key, text in getattr(cls, "default_error_messages", {}).items():
            if key not in ("required", "null") and field.error_messages.get(key) == text:
                defaults.add(text)
                with contextlib.suppress(KeyError, IndexError):  # other placeholders
                    defaults.add(text.format(obj_type=_obj_type(field), awareness="", input=""))
    return defaults


def _obj_type(field: fields.Field) -> str:
    return str(getattr(field, "OBJ_TYPE", "") or "")


def _is_default_one_of(message: str, widget: str) -> bool:
    return widget in ("select", "radio", "checkboxes") and message.startswith("Must be one of")


def _validator_message(field: fields.Field, widget: str, raw: Any) -> str | None:
    """Run the field's validators again to find which default message failed."""
    try:
        # ``_deserialize`` converts without validating: the documented hook fields override.
        value = field._deserialize(raw, None, None)
    except (ValidationError, TypeError, ValueError):
        return None
    for validator in field.validators:
        try:
            validator(value)
        except (ValidationError, TypeError):
            return _explain(validator, widget)
    return None


def _explain(validator: Any, widget: str) -> str | None:
    if isinstance(validator, validate.Range) and validator.error is None:
        return _range_message(validator, widget)
    if isinstance(validator, validate.Length) and validator.error is None:
        return _length_message(validator, widget)
    if isinstance(validator, validate.OneOf) and validator.error == validate.OneOf.default_message:
        return _type_messages()["select"]
    return None


def _range_message(validator: validate.Range, widget: str) -> str:
    low, high = validator.min, validator.max
    if widget not in ("integer", "decimal"):
        if low is not None and high is not None:
            return _("Enter a value from %(min)s to %(max)s.", min=low, max=high)
        if low is not None:
            return _("Enter a value of at least %(min)s.", min=low)
        return _("Enter a value of at most %(max)s.", max=high)
    if low is not None and high is not None:
        return _("Enter a number from %(min)s to %(max)s.", min=low, max=high)
    if low is not None:
        return _("Enter a number of at least %(min)s.", min=low)
    return _("Enter a number of at most %(max)s.", max=high)


def _length_message(validator: validate.Length, widget: str) -> str:
    if widget in ("checkboxes", "lines"):
        if validator.min:
            return ngettext("Choose at least %(num)d.", "Choose at least %(num)d.", validator.min)
        return ngettext("Choose at most %(num)d.", "Choose at most %(num)d.", validator.max or 0)
    if validator.equal is not None:
        return ngettext(
            "Write exactly %(num)d character.", "Write exactly %(num)d characters.", validator.equal
        )
    if validator.min and validator.max:
        return ngettext(
            "Write from %(min)d to %(num)d character.",
            "Write from %(min)d to %(num)d characters.",
            validator.max,
            min=validator.min,
        )
    if validator.min:
        return ngettext(
            "Write at least %(num)d character.", "Write at least %(num)d characters.", validator.min
        )
    return ngettext(
        "Write at most %(num)d character.", "Write at most %(num)d characters.", validator.max or 0
    )
