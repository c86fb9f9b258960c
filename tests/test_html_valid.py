"""Every page of the demo is valid HTML with the structure assistive technologies rely on.

The pages are found by crawling the demo (every plugin enabled) anonymously, as a resident and
as an admin, in French and in English. None may answer 500; each is parsed by html5lib in
strict mode (any parse error fails, as the W3C validator would) and checked for: a ``lang``
attribute, a title, one ``<h1>``, one ``<main>``, headings that do not skip a level, unique
ids, a label for every field, and ``for`` / ``aria-*`` / ``#fragment`` references that point
to an existing id.
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator

import html5lib
import pytest
from html5lib.html5parser import ParseError
from sqlalchemy import select

from pnyx.demo import DEMO_ACCOUNTS, seed_demo
from pnyx.models import User
from pnyx.testing.crawl import Page, crawl

pytestmark = pytest.mark.pnyx_plugins("*")

LABELLED_INPUTS = ("text", "email", "password", "search", "url", "tel", "number", "date",
                   "datetime-local", "time", "month", "week", "checkbox", "radio", "file",
                   "color", "range")  # fmt: skip
REFERENCE_ATTRIBUTES = ("aria-describedby", "aria-labelledby", "aria-controls", "for")


def parse_strict(html: str) -> ET.Element:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(html)


def elements(root: ET.Element) -> Iterator[ET.Element]:
    yield from root.iter()


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext()).strip()


def structure_problems(root: ET.Element, locales: set[str]) -> list[str]:
    """What is wrong in the page's structure (empty: nothing)."""
    problems = []
    if root.get("lang") not in locales:
        problems.append(f"<html lang={root.get('lang')!r}> is not one of {sorted(locales)}")
    title = root.find("./head/title")
    if title is None or not text_of(title).strip(" ·"):
        problems.append("the page has no title")
    all_elements = list(elements(root))
    h1_count = sum(1 for e in all_elements if e.tag == "h1")
    if h1_count != 1:
        problems.append(f"{h1_count} <h1> (one expected)")
    main_count = sum(1 for e in all_elements if e.tag == "main")
    if main_count != 1:
        problems.append(f"{main_count} <main> (one expected)")
    problems += heading_order_problems(all_elements)
    ids = Counter(e.get("id") for e in all_elements if e.get("id"))
    problems += [f'id "{name}" is used {count} times' for name, count in ids.items() if count > 1]
    problems += reference_problems(all_elements, set(ids))
    problems += label_problems(root, all_elements)
    return problems


def heading_order_problems(all_elements: list[ET.Element]) -> list[str]:
    levels = [int(e.tag[1]) for e in all_elements if e.tag in ("h1", "h2", "h3", "h4", "h5", "h6")]
    return [
        f"heading <h{after}> follows <h{before}>: a level is skipped"
        for before, after in itertools.pairwise(levels)
        if after > before + 1
    ]


def reference_problems(all_elements: list[ET.Element], ids: set[str]) -> list[str]:
    problems = []
    for element in all_elements:
        for attribute in REFERENCE_ATTRIBUTES:
            for name in (element.get(attribute) or "").split():
                if name not in ids:
                    problems.append(f'<{element.tag} {attribute}="{name}">: no element has it')
        href = element.get("href") or ""
        if element.tag == "a" and href.startswith("#") and len(href) > 1 and href[1:] not in ids:
            problems.append(f'<a href="{href}">: no element has this id')
        if element.tag == "a" and not href:
            problems.append(f"<a> without href: {text_of(element)!r}")
    return problems


def label_problems(root: ET.Element, all_elements: list[ET.Element]) -> list[str]:
    labelled = {label.get("for") for label in all_elements if label.tag == "label"}
    inside_labels = {id(e) for label in all_elements if label.tag == "label" for e in label.iter()}
    problems = []
    for element in all_elements:
        if element.tag == "input" and element.get("type", "text") not in LABELLED_INPUTS:
            continue
        if element.tag not in ("input", "select", "textarea"):
            continue
        has_label = (
            element.get("id") in labelled
            or id(element) in inside_labels
            or element.get("aria-label")
            or element.get("aria-labelledby")
        )
        if not has_label:
            problems.append(f'<{element.tag} name="{element.get("name")}"> has no label')
    for button in (e for e in all_elements if e.tag == "button"):
        if not text_of(button) and not button.get("aria-label"):
            problems.append("a <button> has no text")
    return problems


def page_problems(page: Page, locales: set[str]) -> list[str]:
    try:
        root = parse_strict(page.text)
    except ParseError as error:
        line = error.args[0] if error.args else error
        return [f"not valid HTML: {line}"]
    return structure_problems(root, locales)


def demo_pages(client, session, locale: str) -> list[Page]:
    """Every page of the demo, anonymously, as a resident and as an admin."""
    client.set_cookie("pnyx_locale", locale)
    pages = crawl(client, ["/", "/sign-in", "/nowhere"], limit=100)
    for account in DEMO_ACCOUNTS:
        user = session.scalar(select(User).where(User.email == account.email))
        user.locale = locale
        session.commit()
        client.sign_in(user)
        pages += crawl(client, ["/", "/admin/"], limit=200)
    return pages


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_every_page_is_valid_html_with_a_sound_structure(client, session, locale: str) -> None:
    seed_demo(session)
    pages = [page for page in demo_pages(client, session, locale) if page.is_html]
    assert len(pages) >= 8
    problems = []
    for page in pages:
        if 300 <= page.status < 400:
            continue
        if page.status >= 500:
            problems.append(f"{page.url} (from {page.found_on}): answered {page.status}")
        found = page_problems(page, {locale})
        problems += [f"{page.url} (from {page.found_on}): {problem}" for problem in found]
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(sorted(set(problems)))


def test_a_form_error_page_is_valid_too(client, session) -> None:
    seed_demo(session)
    response = client.post_form("/sign-in", data={"email": "", "password": ""})
    assert response.status_code == 400
    page = Page("/sign-in", 400, response.content_type, response.get_data(as_text=True))
    assert page_problems(page, {"fr", "en", "co"}) == []


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ("<p>unclosed <b>bold</p>", "not valid HTML"),
        ("<h1>A</h1><h1>B</h1>", "2 <h1>"),
        ("<h1>A</h1><h3>C</h3>", "a level is skipped"),
        ('<h1>A</h1><p id="x"></p><p id="x"></p>', 'id "x" is used 2 times'),
        ('<h1>A</h1><input name="q">', '<input name="q"> has no label'),
        ('<h1>A</h1><input id="q" aria-describedby="q-hint">', "no element has it"),
        ('<h1>A</h1><a href="#nowhere">x</a>', "no element has this id"),
    ],
)
def test_the_checker_finds_each_problem(html: str, problem: str) -> None:
    document = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>T</title></head>'
        f"<body><main>{html}</main></body></html>"
    )
    problems = page_problems(Page("/", 200, "text/html", document), {"en"})
    assert any(problem in p for p in problems), problems
