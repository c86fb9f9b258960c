"""Admin pages of verification: overview and revocation, conflicts, census,
settings, residence confirmations, and the requirements of component actions."""
