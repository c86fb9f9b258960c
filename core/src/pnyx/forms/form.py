"""A form generated from a marshmallow schema: draw it, read it back, explain errors."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from babel import Locale
from flask import has_app_context
from flask_babel import get_locale
from flask_babel import gettext as _
from marshmallow import EXCLUDE, Schema, ValidationError, missing
from werkzeug.datastructures import MultiDict

from pnyx.forms.binding import OMIT, BoundField, bind, visible_fields
from pnyx.forms.messages import humane


class Form:
    """The fields of ``schema``, ready for a template, and the submission's outcome.

    ``values`` are the Python values to show (a stored record, or nothing for
    the defaults). ``prefix`` puts every HTML name under ``prefix.`` so
    several forms share one page (component settings use ``global``,
    ``default_step`` and ``steps.<id>``). Translated fields get one input per
    language of ``locales``; the text in ``default_locale`` is required when
    the field is. Both default to the organization's; ``time_zone`` (also the
    organization's by default) turns typed dates and times into aware ones.

    In a view::

        form = Form(MeetingSchema, meeting_values)
        if request.method == "POST" and form.validate(request.form):
            save(form.data)
            return redirect(...)
        status = 400 if form.has_errors else 200
        return render_template("...", form=form), status
    """

    def __init__(
        self,
        schema: Schema | type[Schema],
        values: Mapping[str, Any] | None = None,
        *,
        prefix: str = "",
        locales: list[str] | None = None,
        default_locale: str | None = None,
        time_zone: str | None = None,
    ) -> None:
        self.schema = schema() if isinstance(schema, type) else schema
        self.prefix = prefix
        org_default, org_locales, org_zone = _organization_defaults()
        self.locales = list(locales or org_locales)
        self.default_locale = default_locale or org_default
        if self.default_locale not in self.locales:
            self.locales.insert(0, self.default_locale)
        self.fields: list[BoundField] = [
            bind(
                field,
                key,
                f"{prefix}.{key}" if prefix else key,
                locales=self.locales,
                default_locale=self.default_locale,
                time_zone=time_zone or org_zone,
            )
            for key, field in visible_fields(self.schema).items()
        ]
        #: Errors that concern no single field (``_schema`` errors).
        self.form_errors: list[str] = []
        #: The loaded values, after a successful :meth:`validate`.
        self.data: dict[str, Any] = {}
        for bound in self.fields:
            bound.show((values or {}).get(bound.key, missing))

    def __iter__(self) -> Iterator[BoundField]:
        return iter(self.fields)

    def __getitem__(self, key: str) -> BoundField:
        for bound in self.fields:
            if bound.key == key:
                return bound
        raise KeyError(key)

    def extract(self, formdata: MultiDict[str, Any]) -> dict[str, Any]:
        """What the person sent, as the schema's input (not validated yet).

        Use it when something else validates, such as
        :func:`pnyx.api.validate_settings`; then hand its errors to
        :meth:`set_errors`.
        """
        raw = {b.key: v for b in self.fields if (v := b.extract(formdata)) is not OMIT}
        self._require_default_locale()
        return raw

    def previewing(self, formdata: MultiDict[str, Any]) -> bool:
        """``True`` when the person pressed the preview button (``name="preview"``).

        Then the form shows what they typed, each rich-text field rendered
        under its text area, and nothing is validated nor saved::

            if request.method == "POST" and not form.previewing(request.form) \\
                    and form.validate(request.form):
        """
        if "preview" not in formdata:
            return False
        from pnyx.richtext import render_rich_text  # the forms layer stays light

        for bound in _walk(self.fields):
            if bound.widget == "group":
                continue
            bound.extract(formdata)
            if bound.rich and isinstance(bound.value, Mapping):
                ugc = bool(getattr(bound.field, "ugc", True))
                bound.previews = {
                    locale: render_rich_text(text, ugc=ugc)
                    for locale, text in bound.value.items()
                    if str(text).strip()
                }
        return True

    def validate(self, formdata: MultiDict[str, Any]) -> bool:
        """Read and load the submission; ``True`` when valid (then read :attr:`data`)."""
        raw = self.extract(formdata)
        try:
            loaded = self.schema.load(raw, unknown=EXCLUDE)
        except ValidationError as error:
            self.set_errors(error.messages, absolute=False)
            return False
        if self.has_errors:
            return False
        self.data = dict(loaded)
        return True

    def set_errors(self, messages: Mapping[str, Any] | list[Any], *, absolute: bool = True) -> None:
        """Show ``messages`` next to their fields.

        Keys are dotted paths; ``absolute`` ones include the form's prefix (as
        :class:`pnyx.api.SettingsError` gives them), others are the schema's
        own keys (as marshmallow gives them). Keys that name no field of this
        form, and ``_schema``, are shown above the form.
        """
        for path, texts in _flatten(messages):
            name = path if absolute or not self.prefix else f"{self.prefix}.{path}"
            self._attach(name, texts)

    def add_error(self, key: str, message: str) -> None:
        """Add an error of your own to the field ``key`` (a schema key, without prefix)."""
        self[key].errors.append(str(message))

    @property
    def has_errors(self) -> bool:
        return bool(self.form_errors) or any(_has_errors(b) for b in self.fields)

    def error_list(self) -> list[tuple[str, str]]:
        """``(input id, message)`` of every error, in page order, for a summary that links
        to each field."""
        found: list[tuple[str, str]] = []
        for bound in _walk(self.fields):
            found += [(_first_input(bound), message) for message in bound.errors]
            for locale, texts in bound.locale_errors.items():
                found += [(f"{bound.id}-{locale}", message) for message in texts]
        return found

    def error_items(self) -> list[tuple[str, str, str]]:
        """``(input id, field label, message)`` of every error, in page order: a summary
        names each field ("Title: this field is required"), as a list of bare messages
        would leave the person guessing which one is meant."""
        found: list[tuple[str, str, str]] = []
        for bound in _walk(self.fields):
            found += [(_first_input(bound), bound.label, message) for message in bound.errors]
            for locale, texts in bound.locale_errors.items():
                label = f"{bound.label} ({locale})"
                found += [(f"{bound.id}-{locale}", label, message) for message in texts]
        return found

    # Internals ------------------------------------------------------------

    def _attach(self, name: str, texts: list[str]) -> None:
        bound = self._find(name)
        if bound is None:
            self.form_errors += [str(text) for text in texts]
            return
        if bound.has_errors:  # the field already explains what is wrong
            return
        for text in texts:
            bound.errors.append(humane(bound.field, bound.widget, str(text), bound.submitted))

    def _find(self, name: str) -> BoundField | None:
        """The field named ``name``, or the closest enclosing one (``tags.0`` → ``tags``)."""
        parts = name.split(".")
        by_name = {b.name: b for b in _walk(self.fields)}
        while parts:
            candidate = by_name.get(".".join(parts))
            if candidate is not None:
                return candidate
            parts.pop()
        return None

    def _require_default_locale(self) -> None:
        for bound in _walk(self.fields):
            if bound.widget != "translated" or not bound.required:
                continue
            typed = bound.value or {}
            if not str(typed.get(self.default_locale, "")).strip():
                language = _language_name(self.default_locale)
                message = _(
                    "Write this text in %(language)s, the main language of the site.",
                    language=language,
                )
                bound.locale_errors.setdefault(self.default_locale, []).append(message)


def _organization_defaults() -> tuple[str, list[str], str | None]:
    """The organization's default locale, its locales and its time zone (outside a
    request: the core's configured defaults)."""
    if not has_app_context():
        return "en", ["en"], None
    from pnyx.i18n import organization_locales, select_timezone  # the forms layer stays light

    default, locales = organization_locales()
    return default, locales, select_timezone()


def _language_name(code: str) -> str:
    try:
        return str(Locale.parse(code).get_display_name(str(get_locale() or code)))
    except (ValueError, TypeError):
        return code


def _flatten(messages: Any, path: str = "") -> list[tuple[str, list[str]]]:
    if isinstance(messages, Mapping):
        found = []
        for key, value in messages.items():
            child = str(key) if not path else f"{path}.{key}"
            found += _flatten(value, "" if key == "_schema" and not path else child)
        return found
    texts = messages if isinstance(messages, list | tuple) else [messages]
    flat = [t for t in texts if not isinstance(t, Mapping | list | tuple)]
    nested = [t for t in texts if isinstance(t, Mapping | list | tuple)]
    found = [(path, [str(t) for t in flat])] if flat else []
    for item in nested:
        found += _flatten(item, path)
    return found


def _walk(fields: list[BoundField]) -> Iterator[BoundField]:
    for bound in fields:
        yield bound
        yield from _walk(bound.children)


def _has_errors(bound: BoundField) -> bool:
    return bound.has_errors or any(_has_errors(c) for c in bound.children)


def _first_input(bound: BoundField) -> str:
    """The id of the control a summary link should focus."""
    if bound.widget == "translated":
        return f"{bound.id}-{bound.default_locale}"
    if bound.widget in ("checkboxes", "radio") and bound.choices:
        return f"{bound.id}-0"
    if bound.widget == "group" and bound.children:
        return _first_input(bound.children[0])
    return bound.id
