"""Sample files for upload tests (attachments), made in memory: no fixture file to keep.

Used by the core's attachment tests and by plugins that take files (`pnyx.testing.files`)."""

from __future__ import annotations

import io
import zipfile

from PIL import Image

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PHP = b"<?php system($_GET['c']); ?>\n"
#: An HTML page that carries a PDF signature further in: "PDF" to a lax sniffer.
HTML_PDF_POLYGLOT = b"<html><script>alert(1)</script></html>\n%PDF-1.4\n%%EOF\n"
SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)" width="10" height="10">'
    b'<script>alert(document.cookie)</script><rect width="10" height="10" fill="red"/></svg>'
)
SVG_WITH_ENTITY = (
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>'
)


def png(width: int = 64, height: int = 48, color: str = "navy") -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (width, height), color).save(output, "PNG")
    return output.getvalue()


def jpeg(width: int = 64, height: int = 48) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (width, height), "green").save(output, "JPEG")
    return output.getvalue()


def polyglot_png() -> bytes:
    """A valid PNG with a PHP script and a ZIP archive appended after its end."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as files:
        files.writestr("shell.php", PHP)
    return png() + PHP + archive.getvalue()


def odt() -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as files:
        files.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        files.writestr("content.xml", "<office:document-content/>")
    return archive.getvalue()


def docx(macros: bool = False) -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as files:
        files.writestr("[Content_Types].xml", "<Types/>")
        files.writestr("word/document.xml", "<w:document/>")
        if macros:
            files.writestr("word/vbaProject.bin", b"\x00" * 16)
    return archive.getvalue()


class EndlessZeros(io.RawIOBase):
    """A stream of ``size`` zero bytes made as they are read (nothing is held or written);
    ``consumed`` counts the bytes actually read. Seeking moves a position only."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.position = 0
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.size}[whence]
        self.position = max(0, min(self.size, base + offset))
        return self.position

    def tell(self) -> int:
        return self.position

    def readinto(self, buffer) -> int:
        count = min(len(buffer), self.size - self.position)
        buffer[:count] = b"\x00" * count
        self.position += count
        self.consumed += count
        return count
