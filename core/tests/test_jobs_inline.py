"""Background jobs without Redis (the embedded default and the tests): inline, after the
response, only for requests that ended well; arguments a worker could decode."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from flask import Flask

from pnyx.core_hooks import PUBLIC
from pnyx.db import get_session
from pnyx.jobs import InlineQueue, enqueue, job_queue
from pnyx.testing import factories
from pnyx.web.guards import requires

sys.path.insert(0, str(Path(__file__).parent / "job_samples"))
import sample_jobs


@pytest.fixture
def app(app: Flask, tmp_path: Path) -> Flask:
    notes = str(tmp_path / "notes.txt")

    @requires(PUBLIC)
    def create_then_enqueue() -> str:
        # Enqueued before the write commits: the job must still see the new person.
        enqueue(sample_jobs.count_users, notes)
        factories.create_user(get_session(), email="new@example.org")
        sample_jobs.note(notes, "view done")
        return "created"

    @requires(PUBLIC)
    def enqueue_then_fail() -> str:
        enqueue(sample_jobs.note, notes, "must not run")
        raise RuntimeError("the view failed")

    @requires(PUBLIC)
    def enqueue_failing_job() -> str:
        enqueue(sample_jobs.fail, notes)
        return "queued"

    app.add_url_rule("/test-jobs/create", view_func=create_then_enqueue, methods=["POST"])
    app.add_url_rule("/test-jobs/fail", view_func=enqueue_then_fail, methods=["POST"])
    app.add_url_rule("/test-jobs/failing-job", view_func=enqueue_failing_job, methods=["POST"])
    app.config["PROPAGATE_EXCEPTIONS"] = False
    return app


def lines(tmp_path: Path) -> list[str]:
    path = tmp_path / "notes.txt"
    return path.read_text().splitlines() if path.exists() else []


def test_without_redis_jobs_run_inline(app: Flask) -> None:
    assert isinstance(job_queue(app), InlineQueue)


def test_a_job_runs_after_the_response_and_sees_the_committed_data(
    client, make_organization, tmp_path: Path
) -> None:
    make_organization()
    response = client.post("/test-jobs/create", headers={"X-CSRF-Token": client.csrf_token()})
    assert response.status_code == 200, response.text
    # The view finished first; the job ran in its own context: it saw the committed
    # person, built an external link for the request's address, and had nobody signed in.
    assert lines(tmp_path) == ["view done", "1 http://localhost/sign-in None"]


def test_a_failed_request_drops_its_jobs(client, make_organization, tmp_path: Path) -> None:
    make_organization()
    response = client.post("/test-jobs/fail", headers={"X-CSRF-Token": client.csrf_token()})
    assert response.status_code == 500
    assert lines(tmp_path) == []


def test_a_failing_job_is_logged_and_the_page_is_unaffected(
    client, make_organization, tmp_path: Path, caplog
) -> None:
    make_organization()
    token = client.csrf_token()
    response = client.post("/test-jobs/failing-job", headers={"X-CSRF-Token": token})
    assert response.status_code == 200
    assert lines(tmp_path) == ["failing"]
    assert "job sample_jobs:fail failed" in caplog.text


def test_outside_a_request_a_job_runs_at_once(app: Flask, tmp_path: Path) -> None:
    with app.app_context():
        enqueue(sample_jobs.note, str(tmp_path / "notes.txt"), "now")
        assert lines(tmp_path) == ["now"]


def test_only_importable_functions_and_json_arguments_are_accepted(app: Flask) -> None:
    with app.app_context():
        with pytest.raises(ValueError, match="module-level function"):
            enqueue(lambda: None)
        with pytest.raises(TypeError):
            enqueue(sample_jobs.note, object(), "an object cannot travel to a worker")


def test_the_worker_command_needs_redis(cli_runner) -> None:
    result = cli_runner.invoke(args=["worker", "--burst"])
    assert result.exit_code == 1
    assert "set PNYX_REDIS_URL to use a worker" in result.output


def test_a_wrong_jobs_mode_is_a_startup_error(tmp_path: Path) -> None:
    from pnyx.app import create_app
    from pnyx.errors import StartupError

    with pytest.raises(StartupError, match="PNYX_JOBS must be one of"):
        create_app({"JOBS": "celery", "INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x" * 64})
    with pytest.raises(StartupError, match="PNYX_JOBS=redis needs PNYX_REDIS_URL"):
        create_app({"JOBS": "redis", "INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x" * 64})
