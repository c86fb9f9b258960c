"""Mutual aid: a Pnyx plugin (component type ``mutual_aid``)."""
