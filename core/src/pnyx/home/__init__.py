"""The home page, composed by staff from blocks (docs/spaces.md, "Home page blocks")."""
