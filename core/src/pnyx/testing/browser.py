"""Helpers for browser tests: axe-core audits at desktop and phone widths, and clicks that
wait for the next page.

The pages are Playwright pages (``tests/browser/conftest.py`` makes them: its
``new_context(axe=True)`` injects axe-core into every page). A resident often
browses without JavaScript while axe needs it: :func:`assert_accessible` then
takes a second tab of the same person (``auditor``) that opens the same address.
Plugins' own browser tests use them the same way (docs/testing.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

#: Desktop first, then the narrowest phone WCAG asks pages to fit (reflow at 320 CSS px).
WIDTHS = (1280, 320)
HEIGHT = 800

#: Serious and critical violations of WCAG 2.1 A and AA, three elements named for each.
AXE_VIOLATIONS = """async () => {
    const result = await axe.run(document, {
        runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        resultTypes: ["violations"],
    });
    return result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(", ")).join("; ")}`);
}"""


def accessibility_problems(
    page: Any, label: str, widths: Sequence[int] = WIDTHS, height: int = HEIGHT
) -> list[str]:
    """What axe finds and any sideways scrolling, at each width (``label`` names the page in
    the messages); the page is left at the first width."""
    problems: list[str] = []
    for width in widths:
        page.set_viewport_size({"width": width, "height": height})
        problems += [f"{label} at {width}px: {found}" for found in page.evaluate(AXE_VIOLATIONS)]
        if page.evaluate("document.documentElement.scrollWidth") > width:
            problems.append(f"{label}: scrolls sideways at {width}px")
    page.set_viewport_size({"width": widths[0], "height": height})
    return problems


def assert_accessible(
    page: Any,
    label: str,
    auditor: Any | None = None,
    widths: Sequence[int] = WIDTHS,
    height: int = HEIGHT,
) -> None:
    """Fail with every problem :func:`accessibility_problems` finds on ``page``; with an
    ``auditor`` (a tab with JavaScript and axe), that tab opens ``page``'s address and is
    audited instead (``page`` browses without JavaScript; the address must be a plain GET)."""
    if auditor is not None:
        auditor.goto(page.url)
        page = auditor
    problems = accessibility_problems(page, label, widths, height)
    assert not problems, "\n".join(problems)


def press(page: Any, button: str) -> None:
    """Click the first button named ``button`` and wait for the page it leads to."""
    with page.expect_navigation():
        page.get_by_role("button", name=button).first.click()


def follow(page: Any, link: str) -> None:
    """Click the first link named ``link`` and wait for the page it leads to."""
    with page.expect_navigation():
        page.get_by_role("link", name=link).first.click()
