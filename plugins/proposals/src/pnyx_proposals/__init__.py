"""Citizen proposals for Pnyx: write, support, answer, moderate — fast at 10 000."""
