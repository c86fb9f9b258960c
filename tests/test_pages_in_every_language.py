"""Every plugin's pages read right in French, English and Corsican (issue 10, item 4): the
demo (every plugin enabled) is crawled anonymously, as a resident and as an admin in each
language, and each page must

- be in that language (``<html lang>``);
- show no string of the fallback language: on a Corsican page no French (the fallback) nor
  English string of any catalogue, on a French page no English one;
- write numbers the reader's way: no ``1,100,000.00``, ``€ 350``, ``33.6 %`` or ``25%`` on a
  French or Corsican page, no ``1 234`` on an English one, and never a plain space inside
  an amount or a percentage (it would break over two lines).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from pnyx.demo import DEMO_ACCOUNTS, seed_demo
from pnyx.models import Component, Space, Step, TaxonomyTerm, User
from pnyx.testing.crawl import Page, crawl
from pnyx.testing.language import Leaks, page_texts

pytestmark = pytest.mark.pnyx_plugins("*")

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = [ROOT / "core/src/pnyx", *ROOT.glob("plugins/*/src/pnyx_*")]
PACKAGES += ROOT.glob("examples/*/src/pnyx_*")
PACKAGES = [package for package in PACKAGES if package.suffix != ".egg-info"]
#: English conventions: digit groups with commas, a decimal point, the currency sign first,
#: a percent sign glued to its number.
ENGLISH_NUMBER = re.compile(r"\d,\d{3}(?!\d)|\d\.\d|€\s?\d|\d%")
#: French conventions on an English page: digit groups or a unit after a no-break space.
FRENCH_NUMBER = re.compile(r"\d[\u202f\u00a0]\d{3}(?!\d)|\d[\u202f\u00a0][€%]")
#: A plain space inside an amount or before its unit: the line may break there.
BREAKABLE_NUMBER = re.compile(r"\d \d{3}(?!\d)|\d [€%]")


def number_problems(texts: list[str], locale: str) -> list[str]:
    wrong = FRENCH_NUMBER if locale == "en" else ENGLISH_NUMBER
    return [
        f"{text!r} is not written the {locale} way"
        for text in texts
        if wrong.search(text) or BREAKABLE_NUMBER.search(text)
    ]


def content_texts(session) -> set[str]:
    """The demo's own names and titles: people wrote them ("Vote" is a French phase title)."""
    fields = (Space.title, Step.title, Component.name, TaxonomyTerm.name)
    return {
        text
        for field in fields
        for value in session.scalars(select(field))
        for text in value.values()
    }


def pages_in(client, session, locale: str) -> list[Page]:
    """The demo's pages, anonymously, as a resident and as an admin, read in ``locale``."""
    client.set_cookie("pnyx_locale", locale)
    pages = crawl(client, ["/", "/sign-in"], limit=80)
    for account in DEMO_ACCOUNTS:
        user = session.scalar(select(User).where(User.email == account.email))
        user.locale = locale
        session.commit()
        client.sign_in(user)
        pages += crawl(client, ["/", "/account", "/admin/"], limit=120)
    # The tutorial's board shows messages people typed, in whatever language they wrote.
    return [
        page for page in pages if page.is_html and page.status == 200 and "/hello/" not in page.url
    ]


@pytest.mark.parametrize("locale", ["co", "fr", "en"])
def test_every_plugin_page_reads_in_its_language(client, session, locale: str) -> None:
    seed_demo(session)
    leaks = Leaks.for_locale(PACKAGES, locale) if locale != "en" else None
    pages = pages_in(client, session, locale)
    assert len(pages) >= 40
    seen = {page.url.split("/")[1] for page in pages}
    assert {"spaces", "admin", "account"} <= seen
    content = content_texts(session)
    problems = []
    for page in pages:
        if f'<html lang="{locale}">' not in page.text:
            problems.append(f"{page.url}: not in {locale}")
        texts = [text for text in page_texts(page.text) if text not in content]
        found = (leaks.found_in(texts) if leaks else []) + number_problems(texts, locale)
        problems += [f"{page.url} (from {page.found_on}): {problem}" for problem in found]
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(sorted(set(problems)))


def test_the_checks_see_each_problem() -> None:
    assert number_problems(["€1,100,000.00"], "fr") and number_problems(["33.6 %"], "co")
    assert number_problems(["25%"], "fr") and number_problems(["1\u202f234"], "en")
    assert number_problems(["350 000,00\u00a0€"], "fr")  # a plain space: breakable
    assert not number_problems(["1\u202f100\u202f000,00\u00a0€", "33,6\u00a0%"], "co")
    assert not number_problems(["€1,100,000.00", "33.6%", "2026-03-02", "10:05"], "en")
    corsican = Leaks.for_locale([ROOT / "core/src/pnyx"], "co")
    assert "Se connecter" in corsican.wholes and "Sign in" in corsican.wholes
    assert corsican.found_in(["Se connecter", "Cunnettesi"]) == ["Se connecter"]
    french = Leaks.for_locale([ROOT / "core/src/pnyx"], "fr")
    assert french.found_in(["Sign in", "Se connecter"]) == ["Sign in"]
