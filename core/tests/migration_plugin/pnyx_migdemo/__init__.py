"""An in-test plugin, ``migdemo``, with one table and its own migration history."""
