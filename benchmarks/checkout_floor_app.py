"""The least a ballot's two requests can do, on Pnyx's stack without Pnyx (``checkout_floor.py``).

Flask, SQLAlchemy Core over psycopg with a connection pool, served by the same gunicorn. Each
request reads a server-side session by its cookie, checks the CSRF token against it and writes
in one transaction: ``/add`` inserts the chosen projects' lines, ``/checkout`` locks the
voter's row, marks the ballot cast and commits. No templates, permissions, action log, job or
e-mail: whatever a real ballot costs above this is the application's own work.
"""

from __future__ import annotations

import os

from flask import Flask, abort, redirect, request
from sqlalchemy import create_engine, text

engine = create_engine(os.environ["FLOOR_DATABASE_URL"], pool_size=8, pool_pre_ping=False)
app = Flask(__name__)

SESSION = text("SELECT voter, csrf FROM floor_sessions WHERE token = :token")
ADD = text("INSERT INTO floor_lines (voter, project) VALUES (:voter, :project)")
LOCK = text("SELECT cast_at FROM floor_voters WHERE id = :voter FOR UPDATE")
CAST = text("UPDATE floor_voters SET cast_at = now() WHERE id = :voter AND cast_at IS NULL")


def voter(connection) -> int:
    """The signed-in voter, after the CSRF check (400/403 otherwise)."""
    row = connection.execute(SESSION, {"token": request.cookies.get("session", "")}).first()
    if row is None:
        abort(403)
    if request.form.get("csrf_token") != row.csrf:
        abort(400)
    return row.voter


@app.post("/add")
def add():
    projects = request.form.getlist("project_id", type=int)
    with engine.begin() as connection:
        who = voter(connection)
        connection.execute(ADD, [{"voter": who, "project": p} for p in projects])
    return redirect("/ballot", 303)


@app.post("/checkout")
def checkout():
    with engine.begin() as connection:
        who = voter(connection)
        connection.execute(LOCK, {"voter": who})
        if connection.execute(CAST, {"voter": who}).rowcount != 1:
            abort(409)
    return redirect("/ballot", 303)


@app.get("/")
def home():
    return "ok"
