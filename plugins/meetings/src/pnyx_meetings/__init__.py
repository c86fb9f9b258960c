"""Meetings for Pnyx: in person, online or hybrid; registrations, calendars, published minutes."""
