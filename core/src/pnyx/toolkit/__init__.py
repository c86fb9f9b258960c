"""Helpers every plugin would otherwise write again, exported through :mod:`pnyx.api`.

Taxonomy terms and their form fields, loading a row of the current component,
pages of rows, and the permission-check delegation pattern. See docs/toolkit.md.
"""
