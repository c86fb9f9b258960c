"""Plugin ``broken_import``: fails when imported."""

import pnyx_this_does_not_exist  # noqa: F401
