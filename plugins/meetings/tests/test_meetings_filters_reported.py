"""A filter value that makes no sense is reported, not ignored (issue 10, item 9)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("territory=abc", "“Territory” must be a whole number"),
        ("theme=99999999999999999999", "“Theme” must be a whole number"),
        ("from=tomorrow", "“From” must be a date"),
    ],
)
def test_a_bad_filter_value_is_reported(client, base_url, query, message) -> None:
    response = client.get(f"{base_url}?{query}", headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
