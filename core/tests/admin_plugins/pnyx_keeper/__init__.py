"""``keeper``: a component type for the admin tests (settings of every kind, a deletion
blocker, an admin page)."""
