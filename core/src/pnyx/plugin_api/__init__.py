"""Namespaces of :mod:`pnyx.api` (``api.actions``, ``api.links``, ``api.verification``) and
its deprecation machinery. Plugins reach them through ``pnyx.api`` only."""
