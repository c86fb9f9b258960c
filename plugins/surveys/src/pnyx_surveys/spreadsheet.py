"""The XLSX export: the same rows as the CSV, as a spreadsheet, in bounded memory.

XlsxWriter (maintained, pure Python) in ``constant_memory`` mode keeps one row in memory
and writes the rest to temporary files; the finished workbook is a temporary file sent as
it is. Unlike CSV and JSON it cannot be streamed while it is built (an XLSX file is a ZIP
whose index comes last), so the download starts once the workbook is complete. Every text is
written as text, never read as a formula, a number or a link (no formula injection).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import IO, Any

import xlsxwriter

OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


def workbook(records: Iterator[dict[str, Any]], headers: list[str]) -> IO[bytes]:
    """A temporary file holding the workbook (one sheet, a header row, a row per record)."""
    output = tempfile.TemporaryFile()  # noqa: SIM115 - returned open, closed by send_file
    book = xlsxwriter.Workbook(output, {**OPTIONS, "tmpdir": tempfile.gettempdir()})
    sheet = book.add_worksheet("answers")
    bold = book.add_format({"bold": True})
    for column, header in enumerate(headers):
        sheet.write_string(0, column, header, bold)
    for row, record in enumerate(records, start=1):
        for column, header in enumerate(headers):
            _write(sheet, row, column, record.get(header))
    book.close()
    output.seek(0)
    return output


def _write(sheet: Any, row: int, column: int, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    elif isinstance(value, int | float):
        sheet.write_number(row, column, value)
    else:
        sheet.write_string(row, column, str(value))
