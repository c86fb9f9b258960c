"""Assisted participation (issue 3, point 5).

A user manager creates a managed participant (a resident without internet
access: a name, no e-mail, no password), verifies them, and acts for them
for at most 30 minutes. While acting, ``g.user`` is the participant and
``g.operator_id`` the staff member, so every action-log row carries both.
Set up by :func:`pnyx.assisted.setup.init_assisted`.
"""
