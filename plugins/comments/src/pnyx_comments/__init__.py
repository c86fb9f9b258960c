"""Comments: a Pnyx plugin (component type ``comments``)."""
