"""``api.submissions``: a creation form makes one item however many times it is sent
(docs/forms.md, "Sent once").

The form's template draws ``{{ submission_field() }}``; the view calls :func:`claim` once the
submission is valid, before making the item, and :func:`made` with the item's page before
committing. A second sending of the same form is rolled back and redirected to that page.
"""

from pnyx.submissions import FIELD, AlreadySubmittedError, claim, made

__all__ = ["FIELD", "AlreadySubmittedError", "claim", "made"]
