"""Reading numbers and text from requests: the one place that decides what is valid.

Query strings and forms come from anyone. ``int("²")`` fails, ``int("٣")`` is
3, ``"²".isdigit()`` is true, ``2**31`` overflows PostgreSQL's ``INTEGER`` and
``Decimal("NaN")`` compares false to everything: each gave server errors. The
readers here accept ASCII digits only, check the range, and answer a bad
value with a 400 whose message says which field and what is expected
(:class:`InvalidInput`). Plugins use them through ``pnyx.api``.

:func:`refuse_control_characters` runs before every view: a NUL byte or another
control character anywhere in the path, the query string or a form field is
refused with a 400 before any code stores it (PostgreSQL refuses NUL in text;
a line break in ``next`` would end up in a ``Location`` header).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from flask import Flask, current_app, request
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter

#: The largest id: PostgreSQL's ``INTEGER`` (ids and most counters are ``INTEGER``).
MAX_ID = 2**31 - 1
#: The largest page number a list accepts.
MAX_PAGE = 100_000
_INTEGER = re.compile(r"-?[0-9]{1,18}", re.ASCII)
_DECIMAL = re.compile(r"-?[0-9]{1,15}(?:[.,][0-9]{1,6})?", re.ASCII)
#: Control characters refused everywhere; forms may still hold tabs and line breaks.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class InvalidInput(BadRequest):
    """A value of the request is not what the page expects: 400, and the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(description=message)


def parse_int(text: str | None, *, label: str, minimum: int = 0, maximum: int = MAX_ID) -> int:
    """``text`` as a whole number from ``minimum`` to ``maximum``, else :class:`InvalidInput`."""
    value = (text or "").strip()
    if not _INTEGER.fullmatch(value) or not minimum <= int(value) <= maximum:
        raise InvalidInput(
            _(
                "“%(field)s” must be a whole number from %(minimum)s to %(maximum)s.",
                field=label,
                minimum=minimum,
                maximum=maximum,
            )
        )
    return int(value)


def as_int(text: str | None, *, minimum: int = 1, maximum: int = MAX_ID) -> int | None:
    """``text`` as a whole number in range, or ``None``: for a form that explains a bad choice
    with its own message next to the field."""
    value = (text or "").strip()
    if _INTEGER.fullmatch(value) and minimum <= int(value) <= maximum:
        return int(value)
    return None


def read_int(
    values: Mapping[str, Any],
    name: str,
    default: int | None = None,
    *,
    label: str | None = None,
    minimum: int = 1,
    maximum: int = MAX_ID,
) -> int | None:
    """``values[name]`` (a query string, a form) as a whole number: ``default`` when missing or
    empty, a 400 naming the field when it is anything else than a number in range."""
    text = str(values.get(name) or "")
    if not text.strip():
        return default
    return parse_int(text, label=label or name, minimum=minimum, maximum=maximum)


def int_arg(
    name: str,
    default: int | None = None,
    *,
    label: str | None = None,
    minimum: int = 1,
    maximum: int = MAX_ID,
) -> int | None:
    """A whole number from the query string (an id by default): ``default`` when missing or
    empty, a 400 that names the field when it is anything but a number in range."""
    return read_int(request.args, name, default, label=label, minimum=minimum, maximum=maximum)


def int_field(
    name: str,
    default: int | None = None,
    *,
    label: str | None = None,
    minimum: int = 1,
    maximum: int = MAX_ID,
) -> int | None:
    """Like :func:`int_arg`, from the posted form."""
    return read_int(request.form, name, default, label=label, minimum=minimum, maximum=maximum)


def page_arg(name: str = "page") -> int:
    """The page number of a list (``?page=``): 1 when missing, a 400 when not a page number."""
    page = read_int(request.args, name, 1, label=_("page"), minimum=1, maximum=MAX_PAGE)
    return page or 1


def id_list(values: Iterable[str], *, label: str) -> list[int]:
    """Ids from a multiple field (``request.form.getlist("ids")``); one bad entry is a 400."""
    return [parse_int(value, label=label, minimum=1) for value in values if value.strip()]


def parse_decimal(
    text: str | None,
    *,
    label: str,
    minimum: Decimal | int = 0,
    maximum: Decimal | int = 10**15,
) -> Decimal:
    """A finite decimal (``12.5`` or ``12,5``) in range; never NaN or Infinity."""
    value = (text or "").strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    try:
        number = Decimal(value.replace(",", ".")) if _DECIMAL.fullmatch(value) else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or not minimum <= number <= maximum:
        raise InvalidInput(
            _(
                "“%(field)s” must be a number from %(minimum)s to %(maximum)s.",
                field=label,
                minimum=minimum,
                maximum=maximum,
            )
        )
    return number


def clean_text(text: str) -> str | None:
    """The reason ``text`` cannot be stored (a control character), or ``None``."""
    if _CONTROL_IN_TEXT.search(text):
        return _("The text contains a control character (such as a NUL byte): remove it.")
    return None


def refuse_control_characters_in_address(_endpoint: Any = None, _values: Any = None) -> None:
    """No control character in the path or the query string. A URL value preprocessor, so
    that it runs before the others (the space loader queries with the path's slug)."""
    if _CONTROL.search(request.path) or any(
        _CONTROL.search(key) or _CONTROL.search(value)
        for key, value in request.args.items(multi=True)
    ):
        raise InvalidInput(_("The address contains a control character: it cannot be opened."))


def refuse_control_characters() -> None:
    """``before_request``: none but tabs and line breaks in form fields (files are not text
    and are checked by their readers)."""
    if request.method in ("POST", "PUT", "PATCH") and request.mimetype in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        for key, value in request.form.items(multi=True):
            problem = clean_text(key) or clean_text(value)
            if problem:
                raise InvalidInput(problem)


class BoundedIntegerConverter(IntegerConverter):
    """``<int:...>`` in a route: at most :data:`MAX_ID` (a larger id matches no route: 404,
    rather than a database error on ``INTEGER`` columns)."""

    def __init__(self, map: object, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)  # type: ignore[arg-type]


F = TypeVar("F", bound=Callable[..., Any])
UPLOAD_LIMIT_ATTRIBUTE = "pnyx_upload_limit"
#: Room for the form's other fields and the multipart framing around an uploaded file.
UPLOAD_OVERHEAD = 64 * 1024


def upload_limit(limit: str | int) -> Callable[[F], F]:
    """Let a view that receives a file accept a body of ``limit`` bytes (a number, or the name
    of a configuration key holding it), plus the form around it, instead of
    ``MAX_REQUEST_BYTES``."""

    def decorator(view: F) -> F:
        setattr(view, UPLOAD_LIMIT_ATTRIBUTE, limit)
        return view

    return decorator


def limit_body() -> None:
    """``before_request``, first: a body larger than the view accepts is refused (413) before
    anything reads it."""
    view = current_app.view_functions.get(request.endpoint or "")
    limit = int(current_app.config["MAX_REQUEST_BYTES"])
    upload = getattr(view, UPLOAD_LIMIT_ATTRIBUTE, None)
    if upload is not None:
        allowed = current_app.config[upload] if isinstance(upload, str) else upload
        limit = max(limit, int(allowed) + UPLOAD_OVERHEAD)
    request.max_content_length = limit


def init_inputs(app: Flask) -> None:
    """Before any route is added: bounded ``<int:...>``; then, before every other
    ``before_request``, the body's size and the control-character check."""
    app.url_map.converters["int"] = BoundedIntegerConverter
    app.url_value_preprocessor(refuse_control_characters_in_address)
    app.before_request(limit_body)
    app.before_request(refuse_control_characters)
