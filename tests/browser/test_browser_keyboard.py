"""The keyboard alone is enough, and pages work without JavaScript (DESIGN.md §6).

Tab reaches the skip link first, then the main menu, the account links, the language
switcher; Enter follows a link, submits the sign-in form, opens the account menu. With
JavaScript disabled every page renders and the forms (sign in, language, sign out) work.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from pnyx.demo import DEMO_ACCOUNTS

pytestmark = pytest.mark.browser

ADMIN, RESIDENT = DEMO_ACCOUNTS[0], DEMO_ACCOUNTS[1]
#: Tab presses allowed to reach a control (the header holds a dozen stops at most).
MAX_TABS = 40
FOCUSED = """() => {
    const element = document.activeElement;
    const nav = element.closest("nav");
    return {
        tag: element.tagName.toLowerCase(),
        id: element.id,
        classes: element.className,
        text: (element.innerText || element.value || "").trim(),
        href: element.getAttribute("href"),
        nav: nav ? nav.getAttribute("aria-label") : null,
        inMain: Boolean(element.closest("main")),
    };
}"""


def focused(page: Any) -> dict[str, Any]:
    return page.evaluate(FOCUSED)


def tab_stops(page: Any, count: int) -> list[dict[str, Any]]:
    stops = []
    for _ in range(count):
        page.keyboard.press("Tab")
        stops.append(focused(page))
    return stops


def tab_to(page: Any, selector: str) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    target = page.locator(selector)
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if target.evaluate("(element) => element === document.activeElement"):
            return
    raise AssertionError(f"{MAX_TABS} presses on Tab never reached {selector}")


def first_index(stops: list[dict[str, Any]], **wanted: Any) -> int:
    for index, stop in enumerate(stops):
        if all(stop.get(key) == value for key, value in wanted.items()):
            return index
    raise AssertionError(f"no tab stop with {wanted} in {stops}")


def test_tab_order_goes_skip_link_menu_account_language(new_context) -> None:
    page = new_context("en").new_page()
    page.goto("/sign-in")
    stops = tab_stops(page, 12)
    assert "skip-link" in stops[0]["classes"], stops[0]
    home = first_index(stops, nav="Main menu", text="Home")
    sign_in = first_index(stops, nav="Your account", text="Sign in")
    language = first_index(stops, id="locale-select")
    change = first_index(stops, text="Change language")
    email = first_index(stops, id="email")
    assert 0 < home < sign_in < language < change < email


def test_skip_link_moves_the_focus_to_the_content(new_context) -> None:
    page = new_context("en").new_page()
    page.goto("/sign-in")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    page.keyboard.press("Tab")
    assert focused(page)["inMain"], "after the skip link, Tab goes on inside <main>"


def test_main_menu_link_is_followed_with_enter(new_context) -> None:
    page = new_context("en").new_page()
    page.goto("/sign-in")
    tab_to(page, "nav.main-nav a >> nth=0")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == "/"
    assert page.locator("h1").count() == 1


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_sign_in_with_the_keyboard_alone(new_context, javascript: bool) -> None:
    page = new_context("en", javascript=javascript).new_page()
    page.goto("/sign-in")
    tab_to(page, "#email")
    page.keyboard.type(RESIDENT.email)
    page.keyboard.press("Tab")
    assert page.locator("#password").evaluate("(e) => e === document.activeElement")
    page.keyboard.type(RESIDENT.password)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/sign-in" not in page.url
    assert RESIDENT.name in page.locator(".account-menu summary").inner_text()


def test_a_wrong_password_is_explained_next_to_the_fields(new_context) -> None:
    page = new_context("en", javascript=False).new_page()
    page.goto("/sign-in")
    page.fill("#email", RESIDENT.email)
    page.fill("#password", "not the password")
    with page.expect_navigation() as navigation:
        page.press("#password", "Enter")
    assert navigation.value.status == 400
    assert page.input_value("#email") == RESIDENT.email  # what the person typed is kept
    assert page.get_attribute("#password", "aria-describedby") == "form-error"
    assert page.locator("#form-error").is_visible()


def test_account_menu_opens_with_the_keyboard_and_signs_out(new_context, sign_in_as) -> None:
    page = new_context("en", javascript=False).new_page()
    sign_in_as(page, RESIDENT)
    sign_out = page.locator(".account-menu button[type=submit]")
    assert not sign_out.is_visible()
    tab_to(page, ".account-menu summary")
    page.keyboard.press("Enter")
    assert sign_out.is_visible()
    tab_to(page, ".account-menu button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".user-menu a", has_text="Sign in").is_visible()


def test_language_switcher_works_with_the_keyboard_without_javascript(new_context) -> None:
    page = new_context("fr", javascript=False).new_page()
    page.goto("/sign-in")
    assert page.get_attribute("html", "lang") == "fr"
    tab_to(page, "#locale-select")
    page.keyboard.press("ArrowDown")  # français → English
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_attribute("html", "lang") == "en"
    assert page.url.endswith("/sign-in"), "the switcher brings the person back to their page"


def test_every_page_renders_without_javascript(new_context, site_pages, sign_in_as) -> None:
    page = new_context("fr", javascript=False).new_page()
    sign_in_as(page, ADMIN)
    problems = []
    for path in [p.url for p in site_pages.admin]:
        response = page.goto(path)
        status = response.status if response else None
        if status != 200:
            problems.append(f"{path}: answered {status}")
        elif page.locator("h1").count() != 1 or not page.locator("main").is_visible():
            problems.append(f"{path}: no visible <main> with one <h1>")
    assert not problems, "\n".join(problems)
