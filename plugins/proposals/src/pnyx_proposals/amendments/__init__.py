"""Amendments: a person proposes a change to a proposal's title and body (issue 20, item 2).

The proposal's authors accept it (the change is applied, with optimistic
versioning) or reject it with a reason; a rejected amendment's author may
promote it to a proposal of its own. Amendments are shown as a word-level
diff (``diff``), may be supported, and are seen by everyone or only by the
authors until accepted (the phase's ``amendments_visibility``).
"""
