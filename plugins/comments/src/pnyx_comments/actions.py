"""The plugin's actions, asked on the commented record (its component's settings apply)."""

from __future__ import annotations

from pnyx import api

CREATE = "comments.create"
VOTE = "comments.vote"
REPORT = "comments.report"
#: Editing or deleting one's own comment: the view checks the authorship.
EDIT = "comments.edit"
#: Reading a thread and its pages (the record's own visibility applies).
READ = "comments.read"

ACTIONS = [
    # groups=True: the component's admin may let people comment on behalf of an organization.
    api.Action(CREATE, api._l("Comment"), step_setting="comments_enabled", groups=True),
    api.Action(VOTE, api._l("Vote on a comment"), step_setting="comments_enabled"),
    api.Action(REPORT, api._l("Report a comment"), verifiable=False),
    api.Action(EDIT, api._l("Edit or delete one's comment"), verifiable=False),
    api.Action(READ, api._l("Read comments"), api.Audience.ANYONE, verifiable=False),
]
