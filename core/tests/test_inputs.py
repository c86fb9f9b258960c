"""One place reads numbers and text from requests (issue 11, items 10 and 12)."""

from __future__ import annotations

import pytest

from pnyx.inputs import MAX_ID, InvalidInput, as_int, parse_decimal, parse_int


@pytest.mark.parametrize(
    "text", ["²", "٣", "2147483648", "99999999999999999999", "", " ", "NaN", "1.5", "0x10", "+"]
)
def test_whole_numbers_are_ascii_digits_in_range(app, text) -> None:
    english = app.test_request_context(headers={"Accept-Language": "en"})
    with english, pytest.raises(InvalidInput) as refused:
        parse_int(text, label="territory", minimum=1)
    assert "“territory” must be a whole number from 1 to 2147483647." in refused.value.description
    assert as_int(text) is None


def test_whole_numbers_in_range_are_read(app) -> None:
    assert parse_int(" 42 ", label="x") == 42 and as_int(str(MAX_ID)) == MAX_ID
    assert as_int("0") is None and as_int("0", minimum=0) == 0


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-Infinity", "1e999", "²", "12.5.1", "-1"])
def test_decimals_are_finite_and_in_range(app, text) -> None:
    with app.test_request_context(), pytest.raises(InvalidInput):
        parse_decimal(text, label="cost")


def test_decimals_accept_a_comma_and_spaces(app) -> None:
    assert str(parse_decimal("12 500,50", label="cost")) == "12500.50"


def test_an_id_beyond_integer_matches_no_route(client, space) -> None:
    """``<int:...>`` is bounded: a larger id is a 404, never an overflow in the database."""
    assert client.get(f"/admin/spaces/{space.slug}/components/{MAX_ID + 1}").status_code == 404


@pytest.fixture
def space(make_space):
    return make_space()


@pytest.mark.parametrize("page", ["99999999999999999999", "²", "abc"])
def test_a_bad_page_number_is_reported(client, sign_in, make_user, page) -> None:
    sign_in(client, make_user(roles=["admin"]))
    response = client.get(f"/admin/roles?page={page}", headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "“page” must be a whole number from 1 to 100000." in response.get_data(as_text=True)


@pytest.mark.parametrize("after", ["99999999999999999999", "²", "abc"])
def test_a_bad_keyset_anchor_is_reported(client, sign_in, make_user, after) -> None:
    sign_in(client, make_user(roles=["admin"]))
    response = client.get(f"/admin/users?after={after}", headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "“after”" in response.get_data(as_text=True)


@pytest.mark.parametrize("value", ["Cam\x00ille", "Cam\x07ille", "\x1b[31m"])
def test_control_characters_in_a_form_are_refused_before_any_view(
    client, sign_in, make_user, value
) -> None:
    user = make_user(name="Camille")
    sign_in(client, user)
    response = client.post_form("/account", data={"name": value}, headers={"Accept-Language": "en"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "control character" in page
    assert 'class="site-header"' in page


def test_line_breaks_and_tabs_stay_allowed_in_forms(client) -> None:
    response = client.post_form("/sign-in", data={"email": "a@example.org", "password": "a\tb\nc"})
    assert response.status_code == 400 and "not right" in response.get_data(as_text=True)


@pytest.mark.parametrize("query", ["next=/%0a/evil.example", "q=a%00b", "page=1%0d%0aX:1"])
def test_control_characters_in_the_address_are_refused(client, query) -> None:
    response = client.get(f"/sign-in?{query}", headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "control character" in response.get_data(as_text=True)


def test_a_nul_byte_in_the_path_is_refused(client) -> None:
    assert client.get("/spaces/a%00b").status_code == 400


class TestBodyLimit:
    @pytest.fixture
    def pnyx_config(self) -> dict[str, int]:
        return {"MAX_REQUEST_BYTES": 10_000, "TAXONOMY_IMPORT_MAX_BYTES": 50_000}

    def test_a_larger_body_is_refused_before_parsing(self, client) -> None:
        response = client.post_form(
            "/sign-in", data={"email": "a@example.org", "password": "x" * 20_000}
        )
        assert response.status_code == 413
        assert "larger than this site accepts" in response.get_data(as_text=True)

    def test_an_upload_view_has_its_own_limit(self, client, sign_in, make_user) -> None:
        import io

        sign_in(client, make_user(roles=["admin"]))
        csv = io.BytesIO(b"name\n" + b"Quartier\n" * 3_000)  # 27 kB: above 10 kB, below 50 kB
        response = client.post_form(
            "/admin/taxonomies/territory/import", data={"file": (csv, "terms.csv")}
        )
        assert response.status_code != 413
