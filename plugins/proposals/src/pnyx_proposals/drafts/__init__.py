"""Collaborative drafts: a draft several people co-write, then publish as one proposal.

``models`` holds the tables, ``writing`` the rules (access requests, optimistic
versioning, publishing), ``diff`` the word-level comparison between versions,
``views`` the pages (mounted on the component's public blueprint under ``drafts/``).
"""
