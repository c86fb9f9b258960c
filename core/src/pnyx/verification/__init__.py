"""Verification of eligibility (DESIGN.md §3, §5): handlers, authorizations, census.

See ``docs/verification.md``. Set up by :func:`pnyx.verification.setup.init_verification`.
This package's ``__init__`` stays empty so that the permission engine can
import :mod:`pnyx.verification.requirements` without loading the pages.
"""
