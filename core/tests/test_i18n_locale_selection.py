"""The interface language: the person's preference, then the switcher's cookie, then
Accept-Language, then the organization's default; ``<html lang>`` always says which."""

from __future__ import annotations

import pytest

from pnyx.i18n import LOCALE_COOKIE

#: Words of the layout in each language, to tell which catalogue answered.
HOME = {"fr": ">Accueil</a>", "en": ">Home</a>", "co": ">Accolta</a>"}


@pytest.fixture(autouse=True)
def trilingual(make_organization):
    """A site in French (its main language), English and Corsican."""
    return make_organization(default_locale="fr", available_locales=["fr", "en", "co"])


def page_locale(client, headers: dict[str, str] | None = None) -> str:
    """The language ``/`` is served in, checked on both ``<html lang>`` and the text."""
    html = client.get("/", headers=headers or {}).get_data(as_text=True)
    (locale,) = [code for code in HOME if f'<html lang="{code}">' in html]
    assert HOME[locale] in html, f"<html lang={locale}> but its text is not in {locale}"
    return locale


def test_without_any_clue_the_organization_default_is_used(client) -> None:
    client.environ_base.pop("HTTP_ACCEPT_LANGUAGE")  # the kit's client reads English
    assert page_locale(client) == "fr"


@pytest.mark.parametrize("header", ["en", "co", "en-GB,en;q=0.9", "de-DE,co;q=0.8,fr;q=0.5"])
def test_accept_language_picks_the_best_available_language(client, header: str) -> None:
    expected = "en" if header.startswith("en") else "co"
    assert page_locale(client, {"Accept-Language": header}) == expected


def test_a_language_the_site_does_not_offer_falls_back_to_the_default(client) -> None:
    assert page_locale(client, {"Accept-Language": "de, it;q=0.5"}) == "fr"


def test_the_switcher_cookie_wins_over_accept_language(client) -> None:
    response = client.post_form("/locale", {"locale": "co", "next": "/"})
    assert response.status_code == 302
    assert LOCALE_COOKIE in response.headers["Set-Cookie"]
    assert page_locale(client, {"Accept-Language": "en"}) == "co"


def test_a_cookie_for_a_language_the_site_no_longer_offers_is_ignored(client) -> None:
    client.set_cookie(LOCALE_COOKIE, "de")
    assert page_locale(client, {"Accept-Language": "en"}) == "en"


def test_the_switcher_refuses_an_unknown_language(client) -> None:
    response = client.post_form("/locale", {"locale": "xx", "next": "/"})
    assert response.status_code == 302 and "Set-Cookie" not in response.headers
    assert page_locale(client, {"Accept-Language": "en"}) == "en"


def test_the_person_preference_wins_over_cookie_and_header(client, make_user) -> None:
    client.sign_in(make_user(locale="en"))
    client.set_cookie(LOCALE_COOKIE, "co")
    assert page_locale(client, {"Accept-Language": "fr"}) == "en"


def test_switching_while_signed_in_records_the_preference(client, session, make_user) -> None:
    person = make_user(locale=None)
    client.sign_in(person)
    client.post_form("/locale", {"locale": "co", "next": "/"})
    session.refresh(person)
    assert person.locale == "co"
    # Another browser of the same person, without the cookie, reads Corsican too.
    other = client.application.test_client()
    other.sign_in(person)
    assert page_locale(other, {"Accept-Language": "en"}) == "co"


def test_the_account_page_sets_the_preference(client, session, make_user) -> None:
    person = make_user(locale=None)
    client.sign_in(person)
    response = client.post_form("/account", {"name": person.name, "locale": "co"})
    assert response.status_code == 302
    assert page_locale(client, {"Accept-Language": "en"}) == "co"


def test_a_preference_the_site_no_longer_offers_is_skipped(client, make_user) -> None:
    client.sign_in(make_user(locale="de"))
    assert page_locale(client, {"Accept-Language": "en"}) == "en"


def test_error_pages_follow_the_same_choice(client) -> None:
    response = client.get("/nowhere", headers={"Accept-Language": "co"})
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert '<html lang="co">' in html and "Pagina micca truvata" in html
