"""Statements pages no longer run (issue 13 item 4): each saving keeps what the page shows."""

from __future__ import annotations

import io
from collections.abc import Callable

from flask import Flask
from werkzeug.datastructures import FileStorage

from pnyx.attachments import service
from pnyx.testing.files import PDF
from pnyx.testing.queries import recorded_statements


def test_files_are_grouped_without_reading_collections_when_none_holds_one(
    app: Flask, session, make_space: Callable[..., object]
) -> None:
    space = make_space()
    owner = ("space", space.id)
    with app.test_request_context("/"):
        service.attach(FileStorage(io.BytesIO(PDF), "loose.pdf"), owner, space=space)
        session.commit()
        with recorded_statements(app) as statements:
            groups = service.grouped(*owner)
        assert [(collection, len(files)) for collection, files in groups] == [(None, 1)]
        assert not [s for s in statements if "FROM attachment_collections" in s]

        reports = service.add_collection(owner, {"en": "Reports"}, space=space)
        session.flush()
        service.attach(
            FileStorage(io.BytesIO(PDF), "report.pdf"), owner, space=space, collection=reports
        )
        session.commit()
        with recorded_statements(app) as statements:
            groups = service.grouped(*owner)
        assert [(collection, len(files)) for collection, files in groups] == [
            (None, 1),
            (reports, 1),
        ]
        assert len([s for s in statements if "FROM attachment_collections" in s]) == 1
