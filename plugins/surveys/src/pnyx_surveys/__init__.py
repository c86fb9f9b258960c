"""Surveys: a Pnyx plugin (component type ``surveys``): questionnaires, answers, results."""
