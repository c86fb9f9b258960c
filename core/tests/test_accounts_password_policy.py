"""The password policy: length, personal parts, the bundled list of common passwords."""

from __future__ import annotations

import pytest

from pnyx.accounts.password_policy import (
    MIN_LENGTH,
    common_passwords,
    password_problems,
    personal_parts,
)

TOO_SHORT = "Use at least 10 characters."
PERSONAL = "Do not use your name or your e-mail address in your password."
COMMON = "This password is too common: choose another one."


@pytest.fixture(autouse=True)
def in_english(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


def problems(password: str, email: str = "jean.dupont@example.org", name: str = "Hélène Martin"):
    return password_problems(password, email=email, name=name)


def test_the_bundled_list_has_the_ten_thousand_most_common_passwords() -> None:
    passwords = common_passwords()
    assert len(passwords) == 10_000
    assert {"123456", "password", "qwertyuiop", "iloveyou"} <= passwords
    assert not any(line.startswith("# ") for line in passwords)  # the header is not read


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("", [TOO_SHORT]),
        ("nine char", [TOO_SHORT]),
        ("ten chars!", []),  # exactly the minimum
        ("correct horse battery staple", []),
        ("x" * 1001, ["Use at most 1000 characters."]),
        # Personal parts, whatever the case and the accents.
        ("dupont-rocks-2026", [PERSONAL]),
        ("my JEAN.DUPONT key", [PERSONAL]),
        ("helene-loves-paris", [PERSONAL]),
        ("HÉLÈNE_MARTIN_99", [PERSONAL]),
        ("helenemartin", [PERSONAL]),
        # Common passwords, whatever the case.
        ("1234567890", [COMMON]),
        ("qwertyuiop", [COMMON]),
        ("BasketBall", [COMMON]),
        ("password123", [COMMON]),
    ],
)
def test_password_cases(password: str, expected: list[str]) -> None:
    assert problems(password) == expected


def test_a_common_password_that_is_also_personal_breaks_both_rules() -> None:
    assert problems("basketball", name="Basket Ball") == [PERSONAL, COMMON]


def test_short_parts_of_a_name_are_not_forbidden() -> None:
    # "Li Wu": refusing every password containing "li" or "wu" would refuse too much.
    assert problems("a quiet willow tree", email="li@example.org", name="Li Wu") == []
    assert personal_parts("li@example.org", "Li Wu") == {"liwu"}


def test_the_minimum_length_is_ten() -> None:
    assert MIN_LENGTH == 10
