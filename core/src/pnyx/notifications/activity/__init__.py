"""A person's activity and public profile (issue 19 item 4).

Plugins contribute through the ``user_activity`` hook (:class:`ActivityItem`
values); the core merges them, newest first, on "My activity"
(``/account/activity``) and, for what is public, on the person's profile
(``/people/<id>``), which the person may hide or give a nickname.
"""
