"""Assemblies: a Pnyx plugin (component type ``assemblies``)."""
