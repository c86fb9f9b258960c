"""No account enumeration by timing (issue 11, item 5): the reset and resend forms take
the same time whether the address has an account. Measured as the server's time to
produce the response (inline jobs run after it, as behind a real server), many
interleaved pairs, compared by their medians so that a busy machine's noise cancels."""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

ROUNDS = 60


@pytest.fixture
def pnyx_config() -> dict[str, Any]:
    return {"RATE_LIMIT_FORMS": "100000/minute", "RATE_LIMIT_MAILS": "100000/hour"}


def timed_server(app: Flask) -> list[float]:
    """Record how long the app takes to produce each response (jobs excluded)."""
    durations: list[float] = []
    middleware = app.wsgi_app
    inner: Callable[..., Any] = middleware.wsgi_app  # type: ignore[attr-defined]

    def timed(environ: dict[str, Any], start_response: Any) -> Any:
        started = time.perf_counter()
        body = inner(environ, start_response)
        durations.append(time.perf_counter() - started)
        return body

    middleware.wsgi_app = timed  # type: ignore[attr-defined]
    return durations


def timings(client, path: str, known: str, unknown: str, durations: list[float]):
    times: dict[str, list[float]] = {known: [], unknown: []}
    for _round in range(ROUNDS):
        pair = [known, unknown]
        random.shuffle(pair)  # neither address always goes first
        for email in pair:
            response = client.post_form(path, {"email": email})
            assert response.status_code == 302
            times[email].append(durations[-1])
    return times[known], times[unknown]


def differs(known: list[float], unknown: list[float], cut: int) -> bool:
    """Whether the ``cut``-quantile of the two samples differs by more than the noise."""
    a = statistics.quantiles(known, n=4)[cut]
    b = statistics.quantiles(unknown, n=4)[cut]
    return abs(a - b) > max(0.2 * b, 0.002)


def assert_same_time(known: list[float], unknown: list[float]) -> None:
    # Before the fix the known address cost about twice as much (a token, a template):
    # the whole distribution moves. A busy machine adds bursts of delay to either side,
    # which rarely move both the lower quartile and the median: fail only when both moved.
    mine, others = (statistics.quantiles(x, n=4)[:2] for x in (known, unknown))
    assert not (differs(known, unknown, 0) and differs(known, unknown, 1)), (
        f"quartile and median {mine[0] * 1000:.1f}/{mine[1] * 1000:.1f} ms for an "
        f"account vs {others[0] * 1000:.1f}/{others[1] * 1000:.1f} ms without"
    )


@pytest.mark.parametrize(
    ("path", "confirmed"),
    [("/reset-password", True), ("/confirm-email", False)],
)
def test_the_forms_take_the_same_time_whether_the_address_has_an_account(
    app, client, make_organization, make_user, outbox, path: str, confirmed: bool
) -> None:
    make_organization()
    make_user(email="ada@example.org", confirmed_at=None if not confirmed else make_time())
    durations = timed_server(app)
    client.post_form(path, {"email": "warm-up@example.org"})  # first-request costs

    known, unknown = timings(client, path, "ada@example.org", "nobody@example.org", durations)

    assert_same_time(known, unknown)
    # And the mails did go, to the account only (after the responses).
    assert {m["To"] for m in outbox} == {"ada@example.org"} and len(outbox) == ROUNDS


def make_time():
    from pnyx.models import utcnow

    return utcnow()
