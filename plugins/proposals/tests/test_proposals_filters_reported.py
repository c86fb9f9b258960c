"""A filter value that is not a number is reported, not ignored (issue 10, item 9)."""

from __future__ import annotations

import pytest

from pnyx.testing import PnyxClient


@pytest.mark.parametrize("query", ["territory=abc", "theme=²", "territory=2147483648", "page=x"])
def test_a_bad_filter_value_is_reported(client: PnyxClient, url: str, query: str) -> None:
    response = client.get(f"{url}?{query}", headers={"Accept-Language": "en"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "must be a whole number" in page and 'class="site-header"' in page
