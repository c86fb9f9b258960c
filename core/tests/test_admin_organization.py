"""Organization settings in the admin area: name, languages, time zone, logo, colour."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select

from pnyx.models import ActionLog, Organization

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
URL = "/admin/organization"


def settings(**changes: object) -> list[tuple[str, object]]:
    data: dict[str, object] = {
        "name.fr": "Ville d'Ajaccio",
        "name.en": "City of Ajaccio",
        "available_locales": ["fr", "en", "co"],
        "default_locale": "fr",
        "time_zone": "Europe/Paris",
        "primary_color": "#1d4e89",
    }
    data.update(changes)
    # Pairs, not a dict: the test client reads a tuple in a dict as several values, and a
    # file is a (stream, name) tuple.
    pairs: list[tuple[str, object]] = []
    for key, value in data.items():
        pairs += [(key, item) for item in value] if isinstance(value, list) else [(key, value)]
    return pairs


@pytest.fixture
def admin(client, make_user):
    user = make_user(roles=["admin"])
    client.sign_in(user)
    return user


def test_only_admins_reach_the_settings(client, make_user) -> None:
    assert client.get(URL).status_code == 302  # to the sign-in page
    client.sign_in(make_user())
    assert client.get(URL).status_code == 403


def test_first_setup_creates_the_organization(client, session, admin) -> None:
    page = client.get(URL).get_data(as_text=True)
    assert "not set up yet" in page
    response = client.post_form(URL, settings())
    assert response.status_code == 302
    organization = session.scalar(select(Organization))
    assert organization.name == {"fr": "Ville d'Ajaccio", "en": "City of Ajaccio"}
    assert organization.available_locales == ["fr", "en", "co"]
    entry = session.scalar(select(ActionLog).where(ActionLog.action == "pnyx.organization.update"))
    assert entry.actor_id == admin.id and entry.visibility == "admin"


def test_settings_are_saved(client, session, make_organization, admin) -> None:
    organization = make_organization()
    response = client.post_form(
        URL,
        settings(
            default_locale="co",
            time_zone="America/Guadeloupe",
            primary_color="#0B3D2E",
            **{"name.co": "Cità d'Aiacciu"},
        ),
        follow_redirects=True,
    )
    assert "settings are saved" in response.get_data(as_text=True)
    session.refresh(organization)
    assert organization.default_locale == "co"
    assert organization.time_zone == "America/Guadeloupe"
    assert organization.primary_color == "#0b3d2e"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"time_zone": "Europe/Ajaccio"}, "time_zone", "Enter a time zone name such as"),
        ({"primary_color": "blue"}, "primary_color", "six hexadecimal digits"),
        ({"primary_color": "#ffcc00"}, "primary_color", "Choose a darker colour"),
        (
            {"default_locale": "co", "available_locales": ["fr", "en"]},
            "default_locale",
            "must be one of the languages",
        ),
        ({"available_locales": []}, "available_locales", "Choose at least 1"),
    ],
)
def test_wrong_values_are_explained_next_to_their_field(
    client, make_organization, admin, changes, field, message
) -> None:
    make_organization()
    response = client.post_form(URL, settings(**changes))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'id="f-{field}-error">' in page and message in page
    assert f'<a href="#f-{field}' in page  # the summary links to the field


def test_the_low_contrast_message_gives_the_ratio(client, make_organization, admin) -> None:
    make_organization()
    english = {"Accept-Language": "en"}
    response = client.post_form(URL, settings(primary_color="#ffcc00"), headers=english)
    page = response.get_data(as_text=True)
    assert "contrast ratio of 1.38 to 1" in page and "at least 4.5 to 1" in page
    assert 'value="#ffcc00"' in page  # what was typed is kept


def test_the_name_in_the_main_language_is_required(client, make_organization, admin) -> None:
    make_organization()
    response = client.post_form(URL, settings(default_locale="en", **{"name.en": ""}))
    assert response.status_code == 400
    assert 'id="f-name-en-error"' in response.get_data(as_text=True)


def test_the_colour_is_served_as_a_stylesheet(client, make_organization, admin) -> None:
    make_organization(primary_color="#0b3d2e")
    page = client.get("/").get_data(as_text=True)
    assert '<link rel="stylesheet" href="/theme.css?v=0b3d2e">' in page
    css = client.get("/theme.css?v=0b3d2e")
    assert css.mimetype == "text/css" and "--primary: #0b3d2e;" in css.get_data(as_text=True)
    assert css.cache_control.max_age == 86400
    assert client.get("/theme.css?v=old").cache_control.max_age == 0


def test_a_png_logo_is_stored_and_served(app, client, session, make_organization, admin) -> None:
    organization = make_organization()
    data = settings(logo=(io.BytesIO(PNG), "logo.png"))
    assert client.post_form(URL, data, content_type="multipart/form-data").status_code == 302
    session.refresh(organization)
    assert organization.logo.startswith("logo-") and organization.logo.endswith(".png")
    stored = Path(app.config["INSTANCE_PATH"]) / "uploads" / organization.logo
    assert stored.read_bytes() == PNG
    page = client.get("/").get_data(as_text=True)
    assert f'<img class="brand-logo" src="/logo/{organization.logo}" alt="">' in page
    served = client.get(f"/logo/{organization.logo}")
    assert served.status_code == 200 and served.data == PNG
    assert client.get("/logo/logo-other.png").status_code == 404
    # Removing it deletes the file.
    client.post_form(URL, settings(remove_logo="true"))
    session.refresh(organization)
    assert organization.logo is None and not stored.exists()


def test_an_svg_logo_is_sanitised(client, session, make_organization, admin) -> None:
    organization = make_organization()
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)" viewBox="0 0 10 10">'
        b'<script>alert(2)</script><rect width="10" height="10" fill="#123456" '
        b'onclick="alert(3)"/><a href="https://example.org"><circle r="2"/></a>'
        b'<image href="https://tracker.example/p.png"/></svg>'
    )
    data = settings(logo=(io.BytesIO(svg), "logo.svg"))
    assert client.post_form(URL, data, content_type="multipart/form-data").status_code == 302
    session.refresh(organization)
    served = client.get(f"/logo/{organization.logo}")
    body = served.get_data(as_text=True)
    assert "<rect" in body and 'fill="#123456"' in body
    assert "alert" not in body and "example" not in body and "<a" not in body
    assert "sandbox" in served.headers["Content-Security-Policy"]


UTF16_DOCTYPE = (
    '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE svg [<!ENTITY a "x">]>'
    '<svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>'
)


class TestSanitisedSize:
    @pytest.fixture
    def pnyx_config(self) -> dict[str, int]:
        return {"LOGO_MAX_BYTES": 5 * 1024}

    def test_the_size_limit_holds_after_sanitising(self, client, session, make_organization, admin):
        """Sanitising rewrites the drawing (``<g/>`` becomes ``<g />``): what is stored and
        served must stay within the limit, not only what was sent."""
        organization = make_organization()
        svg = b'<svg xmlns="http://www.w3.org/2000/svg">' + b"<g/>" * 1200 + b"</svg>"
        assert len(svg) < 5 * 1024
        data = settings(logo=(io.BytesIO(svg), "logo.svg"))
        response = client.post_form(URL, data, content_type="multipart/form-data")
        assert response.status_code == 400
        assert "The logo is too large: at most 5 KB." in response.get_data(as_text=True)
        session.refresh(organization)
        assert organization.logo is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"GIF89a....", "Send the logo as a PNG, JPEG or SVG file."),
        (
            b'<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"/>',
            "This SVG file cannot be used",
        ),
        (PNG + b"\x00" * 600_000, "The logo is too large: at most 512 KB."),
        # Checked on the decoded text (issue 11, item 12): UTF-16, with or without a BOM.
        (UTF16_DOCTYPE.encode("utf-16"), "This SVG file cannot be used"),
        (UTF16_DOCTYPE.encode("utf-16-le"), "This SVG file cannot be used"),
        (UTF16_DOCTYPE.encode("utf-16-be"), "This SVG file cannot be used"),
    ],
)
def test_wrong_logos_are_refused(client, session, make_organization, admin, content, message):
    organization = make_organization()
    data = settings(logo=(io.BytesIO(content), "logo.bin"), primary_color="#000000")
    response = client.post_form(URL, data, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page and 'id="f-logo-error"' in page
    session.refresh(organization)
    assert organization.logo is None and organization.primary_color == "#1d4e89"
