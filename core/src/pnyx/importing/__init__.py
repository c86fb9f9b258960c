"""Bulk imports: ``pnyx import <importer> FILE.csv`` (docs/imports.md).

An :class:`Importer` says how to read one row and how to write a batch of new
rows; :mod:`pnyx.importing.runner` does the rest the same way for every
importer: checks every row before writing anything (all or nothing, errors
with their line numbers), skips external ids imported before (idempotent),
writes in batches in one transaction, reports progress. The core offers
``people``; plugins add ``<plugin>:<kind>`` importers with the
``register_importers`` hook.
"""

from pnyx.importing.manifest import ImportContext, Importer, RowError

__all__ = ["ImportContext", "Importer", "RowError"]
