"""Answering a questionnaire, page by page, on the server."""
