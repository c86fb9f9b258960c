"""Spotting an e-mail address or a phone number in a message, to warn before it is sent.

The platform never shows anyone's contact details; a person may still write
their own, after a warning. The patterns are generous on purpose: a false
warning costs one click, a missed one may expose someone.
"""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
#: Nine digits or more, with spaces, dots, dashes or brackets between them (06 12 34 56 78,
#: +33 6-12-34-56-78, (0)6.12…).
PHONE = re.compile(r"(?:\+|\b)\d(?:[\s.\-()]{0,2}\d){8,}")


def has_contact_details(text: str) -> bool:
    return bool(EMAIL.search(text) or PHONE.search(text))
