"""Every page, in French and English, at 320 px and 1280 px: no serious or critical WCAG 2.1
A/AA violation found by axe-core, no horizontal scrolling at 320 px, and nothing refused by
the Content-Security-Policy. Form error states are audited too (DESIGN.md §6).

The French and English pages are audited side by side: axe is started in both tabs, then
both results are read, so the two renderer processes use the machine's two cores.

The admin's pages (well over a hundred) are each audited once per language, the two languages
at different widths, swapped from one page to the next: every page is audited in French and in
English and at 1280 px and at 320 px, half the axe runs of every pair (which took four
minutes of the suite's time on each database). The few anonymous pages and the error states get
every pair. Sideways scrolling at 320 px is checked on every page in both languages.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from pnyx.db import get_session
from pnyx.demo import DEMO_ACCOUNTS
from pnyx.models import Component, Space
from pnyx.testing.browser import press
from pnyx.testing.crawl import Form, Page

pytestmark = pytest.mark.browser

ADMIN = DEMO_ACCOUNTS[0]
LOCALES = ("fr", "en")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")
WIDTHS = (1280, 320)
START_AXE = """(tags) => {
    document.querySelectorAll("details").forEach((disclosure) => { disclosure.open = true; });
    window.pnyxAxe = axe.run(document, {
        runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
    });
}"""
AXE_RESULT = "() => window.pnyxAxe"
#: Forms whose error page is audited, at most (each costs a page load and two axe runs).
ERROR_FORMS_LIMIT = 6


class ConsoleErrors:
    """What the browser refused or failed on (CSP violations, script errors), per page."""

    def __init__(self, page: Any) -> None:
        self.messages: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.messages.append(f"script error: {error}"))

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.messages.append(message.text)

    def take(self) -> list[str]:
        taken, self.messages = self.messages, []
        return taken


def blocking_violations(result: dict[str, Any]) -> list[str]:
    found = []
    for violation in result["violations"]:
        if violation["impact"] in BLOCKING:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
            found.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} "
                f"at {'; '.join(targets)}"
            )
    return found


def audit_loaded(
    tabs: dict[str, Any], label: str, widths: dict[str, tuple[int, ...]] | None = None
) -> list[str]:
    """axe at each of ``widths[locale]`` in each tab (default: every width), run side by side,
    and no sideways scrolling at 320 px in any tab.

    Disclosures (``<details>``, the account menu) are opened first: axe skips hidden content,
    and the open state is the one that takes the most room.
    """
    widths = widths or dict.fromkeys(tabs, WIDTHS)
    problems = []
    for turn in range(max(len(each) for each in widths.values())):
        running = {locale: each[turn] for locale, each in widths.items() if turn < len(each)}
        for locale, width in running.items():
            tabs[locale].set_viewport_size({"width": width, "height": 800})
            tabs[locale].evaluate(START_AXE, AXE_TAGS)
        for locale, width in running.items():
            found = blocking_violations(tabs[locale].evaluate(AXE_RESULT))
            problems += [f"{label} [{locale}] at {width}px: {v}" for v in found]
    for locale, tab in tabs.items():
        tab.set_viewport_size({"width": WIDTHS[-1], "height": 800})
        scroll_width = tab.evaluate("document.documentElement.scrollWidth")
        if scroll_width > WIDTHS[-1]:
            problems.append(f"{label} [{locale}]: scrolls sideways at 320px ({scroll_width}px)")
    return problems


def load(tabs: dict[str, Any], path: str) -> list[str]:
    """Open ``path`` in every tab; the problems of the answer (status, language)."""
    problems = []
    for locale, tab in tabs.items():
        response = tab.goto(path)
        status = response.status if response else None
        if status is None or status >= 400:
            problems.append(f"{path} [{locale}]: answered {status}")
        elif tab.get_attribute("html", "lang") != locale:
            problems.append(f"{path} [{locale}]: <html lang={tab.get_attribute('html', 'lang')}>")
    return problems


def swapped_widths(tabs: dict[str, Any], index: int) -> dict[str, tuple[int, ...]]:
    """One width per tab, the tabs' widths swapped from one page (``index``) to the next."""
    return {
        locale: (WIDTHS[(index + position) % len(WIDTHS)],) for position, locale in enumerate(tabs)
    }


def audit_pages(tabs: dict[str, Any], paths: list[str], *, every_width: bool = True) -> list[str]:
    """Load and audit each page; ``every_width=False``: one width per tab (``swapped_widths``)."""
    consoles = {locale: ConsoleErrors(tab) for locale, tab in tabs.items()}
    problems = []
    for index, path in enumerate(paths):
        widths = None if every_width else swapped_widths(tabs, index)
        loading = load(tabs, path)
        problems += loading or audit_loaded(tabs, path, widths)
        for locale, console in consoles.items():
            problems += [f"{path} [{locale}]: browser console: {text}" for text in console.take()]
    return problems


def open_tabs(new_context, sign_in_as=None, account=None) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """One tab per locale, each in its own profile, signed in as ``account`` if given."""
    tabs = {}
    for locale in LOCALES:
        tabs[locale] = new_context(locale, axe=True).new_page()
        if account is not None:
            sign_in_as(tabs[locale], account)
    return tabs


def report(problems: list[str], pages: int) -> str:
    return f"{len(problems)} problem(s) on {pages} page(s):\n" + "\n".join(problems)


def test_public_pages_anonymously(new_context, site_pages) -> None:
    paths = [page.url for page in site_pages.anonymous]
    assert len(paths) >= 2
    problems = audit_pages(open_tabs(new_context), paths)
    assert not problems, report(problems, len(paths))


def test_every_page_as_an_admin(new_context, site_pages, sign_in_as) -> None:
    paths = [page.url for page in site_pages.admin]
    assert any(path.startswith("/admin") for path in paths)
    problems = audit_pages(open_tabs(new_context, sign_in_as, ADMIN), paths, every_width=False)
    assert not problems, report(problems, len(paths))


def test_sign_in_error_state(new_context) -> None:
    tabs = open_tabs(new_context)
    for tab in tabs.values():
        tab.goto("/sign-in")
        with tab.expect_navigation() as navigation:
            tab.click("form.form button[type=submit]")
        assert navigation.value.status == 400
        assert tab.get_attribute("#email", "aria-invalid") == "true"
    problems = audit_loaded(tabs, "/sign-in sent empty")
    assert not problems, report(problems, 1)


def admin_forms(pages: list[Page]) -> list[tuple[str, int]]:
    """``(page path, form index)`` of the admin forms that take typed text, one per action."""
    found, actions = [], set()
    for page in pages:
        for index, form in enumerate(page.forms):
            if is_admin_text_form(form) and form.action not in actions:
                actions.add(form.action)
                found.append((page.url, index))
    return found[:ERROR_FORMS_LIMIT]


def is_admin_text_form(form: Form) -> bool:
    return form.method == "post" and "/admin/" in form.action and bool(form.text_controls)


SUBMIT_EMPTY = """(index) => {
    const form = document.forms[index];
    for (const field of form.querySelectorAll("input, textarea")) {
        if (!["hidden", "submit", "button", "checkbox", "radio", "file"].includes(field.type)) {
            field.value = "";
        }
    }
    form.submit();  // no browser validation: the server's answer is what is audited
}"""


def test_admin_form_error_states(new_context, site_pages, sign_in_as) -> None:
    tabs = open_tabs(new_context, sign_in_as, ADMIN)
    problems, audited = [], 0
    for path, index in admin_forms(site_pages.admin):
        statuses = set()
        for tab in tabs.values():
            tab.goto(path)
            with tab.expect_navigation() as navigation:
                tab.evaluate(SUBMIT_EMPTY, index)
            statuses.add(navigation.value.status)
        if max(statuses) >= 500:
            problems.append(f"{path}: form {index} sent empty answered {statuses}")
        if statuses == {400}:
            audited += 1
            problems += audit_loaded(tabs, f"{path} form {index} with errors")
    assert not problems, report(problems, audited)
    assert audited >= 1, "no admin form refused empty answers: nothing was audited"


# --- The written-language field (pnyx.written_language) and its refusal -----------------

#: Sends the form holding the language field with a language the organization does not offer
#: (what a forged request sends: the list offers none) and the fields named in ``cleared``
#: emptied, without the browser's own validation: the server's error page is audited.
SEND_FORGED_LANGUAGE = """(cleared) => {
    const select = document.querySelector("select[name=language]");
    select.options[select.selectedIndex].value = "de";
    const form = select.form;
    for (const name of cleared) { form.elements[name].value = ""; }
    form.noValidate = true;
    const buttons = form.querySelectorAll("button[type=submit]");
    buttons[buttons.length - 1].click();  // the sending one ("Previous" comes first)
}"""


def component_path(live_server: Any, type_: str, admin: bool = False) -> str:
    """The address of the demo's first published component of ``type_`` (its admin's)."""
    with live_server.app.app_context():
        slug, component_id = (
            get_session()
            .execute(
                select(Space.slug, Component.id)
                .join(Component, Component.space_id == Space.id)
                .where(Component.type == type_, Component.published.is_(True))
                .order_by(Component.id)
            )
            .first()
        )
    return f"{'/admin' if admin else ''}/spaces/{slug}/{type_}/{component_id}/"


def refused(tab: Any, label: str, cleared: tuple[str, ...] = ()) -> list[str]:
    """Send the shown form with a forged language: refused (400/422), named, audited."""
    with tab.expect_navigation() as navigation:
        tab.evaluate(SEND_FORGED_LANGUAGE, list(cleared))
    status = navigation.value.status
    if status not in (400, 422):
        return [f"{label}: a forged language answered {status}"]
    if tab.get_attribute("select[name=language]", "aria-invalid") != "true":
        return [f"{label}: the refused language field is not marked invalid"]
    return audit_loaded({"en": tab}, f"{label}, refused")


def test_written_language_forms_and_their_error_states(live_server, new_context, sign_in_as):
    """The forms that gained a language field, as drawn and refused: a proposal, the
    participatory text's import (staff), the comment edit form and the survey's last page."""
    tab = new_context("en", axe=True).new_page()
    sign_in_as(tab, ADMIN)
    problems: list[str] = []

    proposals = component_path(live_server, "proposals")
    problems += load({"en": tab}, f"{proposals}new") or audit_loaded({"en": tab}, "proposal form")
    problems += refused(tab, "proposal form", cleared=("title",))

    text = component_path(live_server, "proposals", admin=True) + "text"
    problems += load({"en": tab}, text) or audit_loaded({"en": tab}, "text import form")
    problems += refused(tab, "text import form", cleared=("title",))

    tab.goto(component_path(live_server, "comments_debates") + "1")
    tab.get_by_label("Your comment").fill("Le samedi, pour commencer.")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Publish my comment").click()
    comment_id = tab.url.rsplit("#comment-", 1)[1]
    problems += load({"en": tab}, f"/comments/{comment_id}/edit")
    problems += audit_loaded({"en": tab}, "comment edit form")
    problems += refused(tab, "comment edit form", cleared=("body",))

    tab.goto(component_path(live_server, "surveys") + "answer")
    tab.get_by_label("By car").check()
    press(tab, "Next page")
    tab.get_by_label("€1 to €2").check()
    problems += audit_loaded({"en": tab}, "survey's last page")
    problems += refused(tab, "survey's last page")
    assert not problems, report(problems, 8)
