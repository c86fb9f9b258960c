"""Reading a structured text (Markdown, DOCX, ODT) into sections and articles.

Every format is first read into the same flat list of :class:`Block` (a heading
with its level, or a paragraph of body text), then :func:`structure` applies
one rule: **a heading followed by text is an article** (the heading is its
title, the text up to the next heading its body); **a heading followed
directly by another heading is a section**. Text before the first heading is a
preamble article. That rule reads a law-like text ("Title I / Chapter 1 /
Article 1 ...") the way its authors laid it out, whatever the depth.

Libraries (docs/decisions.md): markdown-it-py (already used for bodies) for
Markdown, python-docx for DOCX, odfpy for ODT. Files are checked before they
are parsed (size, a real ZIP of a sane uncompressed size, the format's own
parts), and every failure becomes :class:`ImportRefusedError` with a message
for staff, never a stack trace.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

import attrs
from markdown_it import MarkdownIt

from pnyx import api

#: The largest file accepted (the upload limit of the import form).
MAX_BYTES = 5 * 1024 * 1024
#: A DOCX or ODT must not unpack to more than this (a "zip bomb" is refused unread).
MAX_UNPACKED = 50 * 1024 * 1024
MAX_ARTICLES = 500
MAX_TITLE = 200
MAX_BODY = 50_000

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


class ImportRefusedError(Exception):
    """The file cannot become a participatory text; ``str(error)`` says why, for staff."""


@attrs.frozen
class Block:
    """A heading (``level`` 1–9) or a paragraph of body text (``level`` 0), as Markdown."""

    level: int
    text: str

    @property
    def is_heading(self) -> bool:
        return self.level > 0


@attrs.frozen
class Node:
    """A section or an article of the text, in reading order."""

    kind: str  # "section" or "article"
    level: int
    title: str
    body: str = ""


def read_upload(filename: str, data: bytes) -> tuple[str, list[Node]]:
    """The format (``markdown``, ``docx``, ``odt``) and the sections and articles of a file."""
    if not data:
        raise ImportRefusedError(api._("The file is empty."))
    if len(data) > MAX_BYTES:
        raise ImportRefusedError(api._("The file is too large: at most 5 MB."))
    name = filename.lower()
    if name.endswith(".docx"):
        return "docx", structure(docx_blocks(data))
    if name.endswith(".odt"):
        return "odt", structure(odt_blocks(data))
    if name.endswith((".md", ".markdown", ".txt")):
        return "markdown", structure(markdown_blocks(decode(data)))
    raise ImportRefusedError(
        api._("Choose a Markdown (.md), Word (.docx) or OpenDocument (.odt) file.")
    )


def decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefusedError(
            api._("This file is not text in UTF-8: save it as UTF-8 Markdown and try again.")
        ) from None
    if "\x00" in text:
        raise ImportRefusedError(api._("This file is not a text file."))
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- Markdown -------------------------------------------------------------------------------


def markdown_blocks(source: str) -> list[Block]:
    """Headings found by markdown-it (ATX ``#`` and underlined ones; none inside code), and
    the Markdown source between them kept as written (lists, emphasis, links)."""
    lines = source.split("\n")
    tokens = MarkdownIt("commonmark").parse(source)
    blocks: list[Block] = []
    cursor = 0
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.level != 0 or token.map is None:
            continue
        start, end = token.map
        _text_block(blocks, lines[cursor:start])
        blocks.append(Block(int(token.tag[1]), tokens[index + 1].content.strip()))
        cursor = end
    _text_block(blocks, lines[cursor:])
    return blocks


def _text_block(blocks: list[Block], lines: list[str]) -> None:
    text = "\n".join(lines).strip()
    if text:
        blocks.append(Block(0, text))


# --- DOCX and ODT: ZIP files, checked before any XML is read ---------------------------------


def checked_zip(data: bytes, kind: str) -> zipfile.ZipFile:
    refused = ImportRefusedError(api._("This file is not a valid %(kind)s document.", kind=kind))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise refused from None
    if len(members) > 2000 or sum(m.file_size for m in members) > MAX_UNPACKED:
        raise ImportRefusedError(api._("This document is too large once unpacked."))
    return archive


def docx_blocks(data: bytes) -> list[Block]:
    """Paragraphs styled "Heading N" (or with an outline level) are headings; "Title" is
    a level-1 heading; list paragraphs become Markdown list items."""
    archive = checked_zip(data, "Word (.docx)")
    if "word/document.xml" not in archive.namelist():
        raise ImportRefusedError(
            api._("This file is not a valid %(kind)s document.", kind="Word (.docx)")
        )
    import docx  # python-docx: imported on use, the import page is rare

    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = [
            (p.style.name if p.style is not None else "", p.text, _outline(p))
            for p in document.paragraphs
        ]
    except Exception:  # python-docx raises many kinds on a broken file: all mean "refused"
        raise ImportRefusedError(
            api._("This file is not a valid %(kind)s document.", kind="Word (.docx)")
        ) from None
    blocks: list[Block] = []
    for style, text, outline in paragraphs:
        text = " ".join(text.split())
        if not text:
            continue
        level = _docx_level(style, outline)
        if level:
            blocks.append(Block(level, text))
        elif style.lower().startswith("list"):
            blocks.append(Block(0, f"- {text}"))
        else:
            blocks.append(Block(0, text))
    return _merge_paragraphs(blocks)


def _outline(paragraph: object) -> int | None:
    """The paragraph's own outline level (``w:outlineLvl``, 0-based), if it sets one."""
    element = getattr(paragraph, "_p", None)
    ppr = getattr(element, "pPr", None)
    if ppr is None:
        return None
    found = ppr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}outlineLvl")
    if found is None:
        return None
    value = found.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val", "")
    return int(value) if value.isdigit() and int(value) < 9 else None


def _docx_level(style: str, outline: int | None) -> int:
    name = style.lower()
    if name == "title":
        return 1
    if name.startswith("heading "):
        number = name.removeprefix("heading ").strip()
        if number.isdigit():
            return min(int(number), 9)
    return outline + 1 if outline is not None else 0


def odt_blocks(data: bytes) -> list[Block]:
    """``text:h`` elements are headings (their ``outline-level``); paragraphs and list items
    (``text:p`` in ``text:list``) are body text."""
    archive = checked_zip(data, "OpenDocument (.odt)")
    try:
        mimetype = archive.read("mimetype").strip()
    except KeyError:
        mimetype = b""
    if mimetype != ODT_MIMETYPE:
        raise ImportRefusedError(
            api._("This file is not a valid %(kind)s document.", kind="OpenDocument (.odt)")
        )
    from odf import opendocument  # odfpy: imported on use

    try:
        document = opendocument.load(io.BytesIO(data))
        blocks = list(_odt_walk(document.text, in_list=False))
    except Exception:  # odfpy raises many kinds on a broken file: all mean "refused"
        raise ImportRefusedError(
            api._("This file is not a valid %(kind)s document.", kind="OpenDocument (.odt)")
        ) from None
    return _merge_paragraphs(blocks)


def _odt_walk(node: object, *, in_list: bool) -> Iterable[Block]:
    from odf import teletype
    from odf.namespaces import TEXTNS

    for child in getattr(node, "childNodes", []):
        qname = getattr(child, "qname", None)
        if qname == (TEXTNS, "h"):
            level = child.getAttrNS(TEXTNS, "outline-level") or "1"
            text = " ".join(teletype.extractText(child).split())
            if text:
                yield Block(min(int(level) if level.isdigit() else 1, 9), text)
        elif qname == (TEXTNS, "p"):
            text = " ".join(teletype.extractText(child).split())
            if text:
                yield Block(0, f"- {text}" if in_list else text)
        elif qname == (TEXTNS, "list"):
            yield from _odt_walk(child, in_list=True)
        elif qname is not None and qname[0] == TEXTNS and qname[1] in ("list-item", "section"):
            yield from _odt_walk(child, in_list=in_list)
        elif qname is not None and qname[1] == "table":
            continue  # tables are left out: an article is text
        else:
            yield from _odt_walk(child, in_list=in_list)


def _merge_paragraphs(blocks: list[Block]) -> list[Block]:
    """Consecutive paragraphs of a document become one Markdown body (blank lines between,
    list items kept together)."""
    merged: list[Block] = []
    for block in blocks:
        if block.is_heading or not merged or merged[-1].is_heading:
            merged.append(block)
            continue
        both_items = block.text.startswith("- ") and merged[-1].text.split("\n")[-1].startswith(
            "- "
        )
        joiner = "\n" if both_items else "\n\n"
        merged[-1] = Block(0, merged[-1].text + joiner + block.text)
    return merged


# --- One rule for every format -----------------------------------------------------------


def structure(blocks: list[Block]) -> list[Node]:
    """Sections and articles from headings and text (see the module's docstring)."""
    nodes: list[Node] = []
    pending: Block | None = None  # a heading waiting to know whether text follows it
    for block in blocks:
        if block.is_heading:
            if pending is not None:
                nodes.append(Node("section", pending.level, _title(pending.text)))
            pending = block
        elif pending is not None:
            nodes.append(Node("article", pending.level, _title(pending.text), _body(block.text)))
            pending = None
        else:
            preamble = str(api._("Preamble"))
            nodes.append(Node("article", 1, preamble, _body(block.text)))
    if pending is not None:
        nodes.append(Node("section", pending.level, _title(pending.text)))
    articles = sum(1 for node in nodes if node.kind == "article")
    if not articles:
        raise ImportRefusedError(
            api._(
                "No article found: an article is a heading followed by its text. "
                "Use headings (# in Markdown, Heading styles in a document) for titles."
            )
        )
    if articles > MAX_ARTICLES:
        raise ImportRefusedError(
            api.ngettext(
                "The text has more articles than the %(num)d allowed.",
                "The text has more articles than the %(num)d allowed.",
                MAX_ARTICLES,
            )
        )
    return nodes


def _title(text: str) -> str:
    title = " ".join(text.split())
    if len(title) > MAX_TITLE:
        raise ImportRefusedError(
            api.ngettext(
                "A heading is longer than %(num)d character: “%(start)s…”. Shorten it.",
                "A heading is longer than %(num)d characters: “%(start)s…”. Shorten it.",
                MAX_TITLE,
                start=title[:60],
            )
        )
    return title


def _body(text: str) -> str:
    if len(text) > MAX_BODY:
        raise ImportRefusedError(
            api.ngettext(
                "An article is longer than %(num)d character. Split it with headings.",
                "An article is longer than %(num)d characters. Split it with headings.",
                MAX_BODY,
            )
        )
    return text
