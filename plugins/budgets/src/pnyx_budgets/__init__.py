"""Pnyx participatory budgets plugin."""
