"""Spaces as residents find them: their state, the listing, groups of spaces."""
