"""Participatory texts: staff import a structured text whose articles residents amend.

``parsing`` reads Markdown, DOCX and ODT headings into sections and articles;
``models`` holds the versions of the text and their items; ``publishing`` turns
an imported version into proposals (one per article) and later versions into
snapshots of those proposals; ``views`` and ``admin`` are the pages.
"""
