"""Forms drawn from marshmallow schemas, for the admin area and for plugins.

A schema already says what a record holds and how to check it; the form
layer turns it into labelled HTML fields and reads a submission back, with
errors next to each field and what the person typed kept. See docs/forms.md.

Plugins reach it through :mod:`pnyx.api` (``api.Form``, ``api.TranslatedText``)
and draw it with the macros of ``pnyx/forms/fields.html``.
"""

from pnyx.forms.binding import BoundField
from pnyx.forms.dates import SensibleDate
from pnyx.forms.fields import TranslatedText
from pnyx.forms.form import Form
from pnyx.forms.widgets import WIDGETS

__all__ = ["WIDGETS", "BoundField", "Form", "SensibleDate", "TranslatedText"]
