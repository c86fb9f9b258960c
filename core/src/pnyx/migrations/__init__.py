"""What Alembic runs: ``env.py`` (shared by every history), the script template,
the helpers autogenerate uses (:mod:`pnyx.migrations.autogenerate`) and the
core's migration scripts (``versions/``). The API is :mod:`pnyx.migrate`."""
