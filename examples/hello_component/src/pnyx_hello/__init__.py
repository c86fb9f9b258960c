"""A message board for Pnyx: the smallest complete plugin, built in docs/tutorial.md."""
