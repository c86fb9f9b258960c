"""Sanitising an uploaded SVG logo: keep drawing, drop everything that can act.

An SVG is an XML document that may hold scripts, event handlers, links and
references to other sites. The logo is rebuilt from an allowlist of drawing
elements and attributes; anything else is dropped. Documents with a DOCTYPE
(entity tricks) or whose root is not ``<svg>`` are refused; styles that
load anything from elsewhere are dropped. The route that
serves the logo adds a Content-Security-Policy with ``sandbox`` as a second
line of defence.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


ALLOWED_ELEMENTS = _names(
    """svg g defs symbol use title desc path rect circle ellipse line polyline polygon text
    tspan linearGradient radialGradient stop clipPath mask pattern style"""
)
ALLOWED_ATTRIBUTES = _names(
    """id class viewBox width height x y x1 y1 x2 y2 cx cy r rx ry fx fy dx dy d points
    transform fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-linecap
    stroke-linejoin stroke-miterlimit stroke-dasharray stroke-dashoffset opacity clip-rule
    clip-path mask font-family font-size font-style font-weight text-anchor letter-spacing
    dominant-baseline offset stop-color stop-opacity gradientUnits gradientTransform
    spreadMethod patternUnits patternContentUnits patternTransform clipPathUnits maskUnits
    maskContentUnits preserveAspectRatio visibility display version role aria-label
    aria-hidden style"""
)
#: ``url(...)`` may only point inside the document (``url(#gradient)``); styles may not
#: import other sheets or run old browsers' expressions; CSS escapes (a backslash) could
#: spell any of those, so none is accepted.
UNSAFE_VALUE = re.compile(
    r"url\(\s*['\"]?(?!#)|@import|expression\s*\(|javascript:|\\", re.IGNORECASE
)
FORBIDDEN_MARKUP = re.compile(r"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


class UnsafeSvgError(ValueError):
    """The file is not an SVG drawing we can keep."""


def sanitize_svg(data: bytes) -> bytes:
    """The drawing in ``data`` with only allowlisted elements and attributes.

    Raises :class:`UnsafeSvgError` when ``data`` is not a well-formed SVG document.
    The checks read the decoded text, never the raw bytes: a UTF-16 file spells
    ``<!DOCTYPE`` with bytes no byte pattern matches. Only UTF-8 (with or without a
    BOM) is accepted, and its XML declaration is dropped so that no other encoding
    it names can change what the parser reads.
    """
    text = decoded_svg(data)
    if FORBIDDEN_MARKUP.search(text):
        raise UnsafeSvgError("doctype")
    try:
        root = ET.fromstring(XML_DECLARATION.sub("", text, count=1))
    except ET.ParseError as error:
        raise UnsafeSvgError("not xml") from error
    if root.tag != f"{{{SVG_NS}}}svg":
        raise UnsafeSvgError("not svg")
    _clean(root)
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def decoded_svg(data: bytes) -> str:
    """``data`` as text: UTF-8 only (a BOM is dropped); anything else is refused. UTF-16
    without a BOM decodes as UTF-8 full of NUL characters, which XML forbids: refused too."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnsafeSvgError("encoding") from error
    if CONTROL_CHARACTERS.search(text):
        raise UnsafeSvgError("encoding")
    return text


def looks_like_svg(data: bytes) -> bool:
    """Whether an upload claims to be an SVG: ``<svg`` in its first characters, whatever
    the encoding (a UTF-16 file must reach :func:`sanitize_svg` to be refused there)."""
    head = data[:4096]
    utf16 = ("<svg".encode("utf-16-le"), "<svg".encode("utf-16-be"))
    return b"<svg" in head or any(marker in head for marker in utf16)


def _clean(element: ET.Element) -> None:
    for child in list(element):
        if _local_name(child.tag, SVG_NS) in ALLOWED_ELEMENTS and _text_allowed(child):
            _clean(child)
        else:
            element.remove(child)
    for name, value in list(element.attrib.items()):
        if not _attribute_allowed(name, value):
            del element.attrib[name]
    if element.tail is not None:
        element.tail = element.tail if element.tail.strip() else None


def _attribute_allowed(name: str, value: str) -> bool:
    if name in ("href", f"{{{XLINK_NS}}}href"):
        return value.startswith("#")  # a reference inside the drawing only
    if name not in ALLOWED_ATTRIBUTES:
        return False  # event handlers (on*), foreign namespaces
    return not UNSAFE_VALUE.search(value)


def _text_allowed(element: ET.Element) -> bool:
    """A ``<style>`` element's rules must pass the same check as attribute values."""
    return not UNSAFE_VALUE.search(element.text or "")


def _local_name(tag: object, namespace: str) -> str | None:
    """``rect`` for ``{svg namespace}rect``; ``None`` for other namespaces or comments."""
    if not isinstance(tag, str) or not tag.startswith(f"{{{namespace}}}"):
        return None
    return tag[len(namespace) + 2 :]
