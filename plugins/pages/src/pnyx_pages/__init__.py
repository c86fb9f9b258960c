"""Pnyx plugin ``pages``: pages to read inside a space, and the organization's own pages."""
