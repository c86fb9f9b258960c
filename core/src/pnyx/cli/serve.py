"""``pnyx serve``: the built-in server, for the embedded default and development."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext
from werkzeug.serving import run_simple


def run_server(host: str, port: int) -> None:
    """Serve the current app with Werkzeug's threaded server (production uses gunicorn)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    # Not app.run(): Flask ignores it inside a CLI command.
    run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=False)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@with_appcontext
def serve(host: str, port: int) -> None:
    """Serve the instance (for production, run gunicorn 'pnyx:create_app()')."""
    run_server(host, port)
