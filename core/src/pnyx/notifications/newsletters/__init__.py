"""Newsletters: staff write, choose recipients, preview, test, send through the job queue.

Recipients always gave their explicit consent (``newsletter_consent_at``, dated), have
an address that did not bounce, and an active account; the audience narrows them to
followers or participants of chosen spaces, or people verified in chosen territories.
"""
