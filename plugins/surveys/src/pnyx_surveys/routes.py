"""Every module that attaches views to the blueprints, imported once by the plugin module."""

from __future__ import annotations

from pnyx_surveys import export_views, moderation_views, views
from pnyx_surveys.answering import views as answering_views
from pnyx_surveys.builder import question_views
from pnyx_surveys.builder import views as builder_views

__all__ = [
    "answering_views",
    "builder_views",
    "export_views",
    "moderation_views",
    "question_views",
    "views",
]
