"""WCAG 2.1 AA 3.1.2 (language of parts): staff content shown in a fallback language carries its
``lang``. ``{{ x|t }}`` prints another language's text unmarked (a French title read with
Corsican sounds on a Corsican page); as an element's content it must be ``{{ x|t_marked }}``.

The classifier below finds every ``{{ …|t }}`` (``|t`` the last filter) in the HTML templates of
the core, the plugins and the examples and tells where it prints: element content, or a place
where markup is not allowed (an attribute, ``<title>``, ``<option>``, ``<textarea>``,
``<script>``, ``<style>``, a comment, a ``{% set %}`` block, a block the layout prints in one of
those). ``|t`` inside a larger expression (``_("…", name=x|t)``, ``x|t or y``, a macro's
argument, ``x|t|truncate``) is not an output of its own and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, nodes

ROOT = Path(__file__).resolve().parents[1]
CONTENT = "content"
# Elements whose content is text only: a <span> there is shown as text or is invalid.
TEXT_ONLY = ("title", "option", "textarea", "script", "style")
T_FILTER = re.compile(r"\|\s*t(?![\w])")
LAST_T = re.compile(r"\|(\s*)t(\s*)$")
BLOCK_OPEN = re.compile(r"^\s*block\s+(\w+)")
SET_BLOCK = re.compile(r"^\s*set\s+[\w.,\s]+$")  # {% set x %}…{% endset %}: no "="
TAG_NAME = re.compile(r"</?([a-zA-Z][\w-]*)")

# Real exceptions, "path:line": none so far. Say why next to each one you add.
ALLOWED: frozenset[str] = frozenset()

_JINJA = Environment()


@dataclass(frozen=True)
class Output:
    """One ``{{ … }}`` holding ``|t``; ``start``/``end`` delimit its inner text."""

    path: Path
    line: int
    start: int
    end: int
    expression: str
    context: str  # CONTENT, or why markup is not wanted there

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"

    @property
    def to_mark(self) -> bool:
        return self.context == CONTENT


def templates() -> list[Path]:
    """The HTML templates (mail ``.txt`` templates print plain text and are left out)."""
    roots = [ROOT / "core/src", *sorted(ROOT.glob("plugins/*/src")), ROOT / "examples"]
    return sorted(p for r in roots for p in r.rglob("templates/**/*.html"))


def _end_of(text: str, start: int, closer: str) -> int:
    """Index just past ``closer``, skipping quoted strings (a ``"}}"`` inside a literal)."""
    i, quote = start, None
    while i < len(text):
        c = text[i]
        if quote:
            quote = None if c == quote else quote
        elif c in "'\"":
            quote = c
        elif text.startswith(closer, i):
            return i + len(closer)
        i += 1
    raise ValueError(f"unclosed {closer!r} after offset {start}")


def _last_filter_is_t(expression: str) -> bool:
    """Whether the whole expression is ``<something>|t``, not ``|t`` inside a larger one."""
    inner = expression.strip().strip("-+").strip()
    try:
        body = _JINJA.parse("{{ " + inner + " }}").body
    except Exception:  # a template-specific syntax Jinja alone cannot parse
        return False
    node = body[0].nodes[0] if body and isinstance(body[0], nodes.Output) else None
    return isinstance(node, nodes.Filter) and node.name == "t"


@dataclass
class _Scanner:
    """An HTML state machine that steps over Jinja tags as single units."""

    text: str
    block_contexts: dict[str, str]
    in_tag: str | None = None  # the tag being written: <a href=…
    quote: str | None = None
    text_only: str | None = None  # inside <title>…</title> and the like
    in_comment: bool = False

    def context(self, jinja_stack: list[str]) -> str:
        if self.in_comment:
            return "an HTML comment"
        if self.in_tag:
            return f"an attribute of <{self.in_tag}>"
        if self.text_only:
            return f"<{self.text_only}>"
        return next((c for c in reversed(jinja_stack) if c != CONTENT), CONTENT)

    def html_step(self, i: int) -> int:
        """Advance over one HTML character (or construct) at ``i``; the next index."""
        text, c = self.text, self.text[i]
        if self.in_comment:
            self.in_comment = not text.startswith("-->", i)
            return i + 3 if not self.in_comment else i + 1
        if self.in_tag:
            if self.quote:
                self.quote = None if c == self.quote else self.quote
            elif c in "'\"":
                self.quote = c
            elif c == ">":
                self.in_tag = None
            return i + 1
        if self.text_only:
            if text[i : i + 2 + len(self.text_only)].lower() == f"</{self.text_only}":
                self.text_only = None
                self.in_tag = "/"
            return i + 1
        if text.startswith("<!--", i):
            self.in_comment = True
            return i + 4
        match = TAG_NAME.match(text, i)
        if match:
            name = match.group(1).lower()
            self.in_tag = name
            if not match.group(0).startswith("</") and name in TEXT_ONLY:
                self.text_only = name
            return match.end()
        return i + 1

    def statement(self, body: str, stack: list[str]) -> None:
        """Track the Jinja blocks that change where their content prints."""
        block = BLOCK_OPEN.match(body)
        word = body.strip().split(maxsplit=1)[0] if body.strip() else ""
        if block:
            here = self.context([])
            if here != CONTENT:
                self.block_contexts.setdefault(block.group(1), here)
            stack.append(self.block_contexts.get(block.group(1), CONTENT))
        elif SET_BLOCK.match(body):
            stack.append("a {% set %} block")
        elif word == "filter":
            stack.append("a {% filter %} block")
        elif word in ("endblock", "endset", "endfilter") and stack:
            stack.pop()


def scan(path: Path, block_contexts: dict[str, str]) -> Iterator[Output]:
    """Every ``{{ …|t… }}`` of ``path`` with its context."""
    text = path.read_text(encoding="utf-8")
    scanner, stack, i = _Scanner(text, block_contexts), [], 0
    while i < len(text):
        two = text[i : i + 2]
        if two == "{#":
            i = text.index("#}", i) + 2
        elif two in ("{{", "{%"):
            end = _end_of(text, i + 2, "}}" if two == "{{" else "%}")
            body = text[i + 2 : end - 2]
            if two == "{%":
                scanner.statement(body.strip("-+"), stack)
            elif T_FILTER.search(body):
                context = scanner.context(stack)
                if not _last_filter_is_t(body):
                    context = "a larger expression"
                line = text.count("\n", 0, i) + 1
                yield Output(path, line, i + 2, end - 2, body, context)
            i = end
        else:
            i = scanner.html_step(i)


def all_outputs() -> list[Output]:
    """Scan twice: the first pass learns which blocks a layout prints in ``<title>`` or an
    attribute, so that a child's ``{% block title %}{{ space.title|t }}`` is left as text."""
    block_contexts: dict[str, str] = {}
    paths = templates()
    for path in paths:
        list(scan(path, block_contexts))
    return [output for path in paths for output in scan(path, block_contexts)]


def mark(text: str, outputs: list[Output]) -> str:
    """``text`` with each element-content ``|t`` of ``outputs`` turned into ``|t_marked``."""
    for output in sorted(outputs, key=lambda o: o.start, reverse=True):
        inner = LAST_T.sub(r"|\1t_marked\2", output.expression.rstrip("-+"), count=1)
        inner += output.expression[len(output.expression.rstrip("-+")) :]
        text = text[: output.start] + inner + text[output.end :]
    return text


def test_the_classifier_tells_contexts_apart(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<h1>{{ a|t }}</h1><img alt="{{ b|t }}"><title>{{ c|t }}</title>\n'
        "<option>{{ d|t }}</option>{{ _('x %(n)s', n=e|t) }}{% set f %}{{ f|t }}{% endset %}"
        "{{ g|t|truncate(3) }}<!-- {{ h|t }} -->{% block title %}{{ i|t }}{% endblock %}"
        "<p>{{- j | t -}}</p>",
        encoding="utf-8",
    )
    outputs = list(scan(page, {"title": "<title>"}))
    assert [o.expression.strip(" -") for o in outputs if o.to_mark] == ["a|t", "j | t"]
    assert len(outputs) == 10
    assert outputs[-1].line == 2
    marked = mark(page.read_text(encoding="utf-8"), [o for o in outputs if o.to_mark])
    assert "<h1>{{ a|t_marked }}</h1>" in marked
    assert "<p>{{- j | t_marked -}}</p>" in marked
    assert 'alt="{{ b|t }}"' in marked


def test_element_content_in_a_fallback_language_is_marked() -> None:
    unmarked = [o.where for o in all_outputs() if o.to_mark and o.where not in ALLOWED]
    assert not unmarked, (
        "Print staff content as an element's content with |t_marked, not |t (WCAG 3.1.2, "
        "docs/translations.md):\n" + "\n".join(unmarked)
    )


def test_the_allow_list_names_real_outputs() -> None:
    found = {o.where for o in all_outputs() if o.to_mark}
    assert found >= ALLOWED, f"stale ALLOWED entries: {sorted(ALLOWED - found)}"
