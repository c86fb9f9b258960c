"""Read in French, the core's pages show no English: every page reachable from the home page,
the sign-in pages, the account and the admin area (with the tutorial's plugin enabled)."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from pnyx.testing.crawl import Page, crawl, fetch
from pnyx.testing.language import ENGLISH_WORDS, PageText

CORE_FRENCH = Path(__file__).parents[1] / "src/pnyx/translations/fr/LC_MESSAGES/messages.po"


def english_msgids() -> tuple[set[str], list[str]]:
    """The core's msgids whose French differs: whole texts, and phrases of several words."""
    with CORE_FRENCH.open("rb") as po:
        catalogue = read_po(po)
    differing = [
        m.id
        for m in catalogue
        if isinstance(m.id, str) and m.id and m.string != m.id and "%" not in m.id
    ]
    return set(differing), [i for i in differing if len(i.split()) >= 3]


def english_on(page: Page, wholes: set[str], phrases: list[str]) -> list[str]:
    reader = PageText()
    reader.feed(page.text)
    found = [text for text in reader.texts if text in wholes or ENGLISH_WORDS.search(text)]
    found += [phrase for phrase in phrases if any(phrase in text for text in reader.texts)]
    return found


@pytest.fixture
def pnyx_plugins() -> list[str]:
    return ["hello"]


@pytest.fixture
def site(make_organization, make_space, make_component, make_user):
    make_organization(default_locale="fr", available_locales=["fr", "en"])
    space = make_space(slug="budget-2026", steps=3, active=1)
    make_component(space, "hello")
    return make_user(roles=["admin"])


def french_pages(client, starts: list[str]) -> list[Page]:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    pages = [p for p in crawl(client, starts, limit=150) if p.is_html and p.location is None]
    assert [p.url for p in pages if '<html lang="fr">' not in p.text] == []
    return pages


def test_public_pages_read_in_french_have_no_english(client, site) -> None:
    wholes, phrases = english_msgids()
    starts = ["/", "/sign-in", "/sign-up", "/forgot-password", "/nowhere"]
    pages = french_pages(client, starts)
    assert len(pages) >= 7
    english = {page.url: english_on(page, wholes, phrases) for page in pages}
    assert {url: texts for url, texts in english.items() if texts} == {}
    # The same check does see English on a page read in English.
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    assert len(english_on(fetch(client, "/sign-up"), wholes, phrases)) >= 5


def test_account_and_admin_pages_read_in_french_have_no_english(client, site) -> None:
    wholes, phrases = english_msgids()
    client.sign_in(site)
    pages = french_pages(client, ["/", "/account", "/admin/"])
    assert len(pages) >= 25
    english = {page.url: english_on(page, wholes, phrases) for page in pages}
    assert {url: texts for url, texts in english.items() if texts} == {}
