"""A CSV or XLSX file read into a header row and rows of cells, whatever program wrote it.

CSV comes as Excel and WPS write it: UTF-8 with or without a byte order mark ("CSV UTF-8"), GB18030 from a Chinese
Excel's plain "CSV", UTF-16 from "Unicode Text"; separated by commas, by semicolons (where the decimal mark is a
comma) or by tabs, quoted the only way they quote (a cell in double quotes, a quote inside doubled). XLSX keeps its
cells' types (an Excel date cell is a datetime). Cells are stripped of bidirectional controls (an invisible control
reverses what follows it in the preview, the site and emails), and a CSV cell our export protected with an
apostrophe (``writing``) gets its text back.
"""

import codecs
import csv
import datetime
import io
import itertools
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..text import without_bidi_controls

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 60
MAX_CELL_CHARACTERS = 10_000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PROTECTED = (*FORMULA_STARTS, "'")  # what follows the apostrophe ``writing`` puts before a cell
DELIMITERS = (",", ";", "\t")
ROWS_TO_TELL_DELIMITER = 20
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SheetError(Exception):
    """The file cannot be read as a sheet (its type, encoding, size or header row): said in the user's language."""


@dataclass
class Sheet:
    headers: list[str]
    rows: list[list]  # cells: text, or a datetime / number from an XLSX cell


def _cell(value, *, from_csv: bool):
    if value is None:
        return ""
    if isinstance(value, str):
        value = without_bidi_controls(value).strip()
        if from_csv and value[:1] == "'" and value[1:2] in PROTECTED:
            value = value[1:]
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _xlsx_table(data: bytes) -> list[list]:
    from openpyxl import load_workbook  # only for a spreadsheet: the module is large

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        table = []
        for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            table.append([_cell(value, from_csv=False) for value in row])
            if len(table) > MAX_ROWS + 1:
                break
        workbook.close()
    except Exception as error:  # noqa: BLE001 - openpyxl raises many types for a damaged or foreign file
        raise SheetError(_("This file is not a readable XLSX spreadsheet.")) from error
    return table


def _decode(data: bytes) -> str:
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise SheetError(_("This file is neither a CSV file nor an XLSX spreadsheet.")) from error
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SheetError(_("Save the CSV file in UTF-8 (Excel: “CSV UTF-8”)."))  # pragma: no cover - gb18030 reads most


def _delimiter(text: str) -> tuple[str, str]:
    """The text without Excel's "sep=;" line, and its separator: the one that line names, else the one that splits
    the header into the most columns and the first rows into as many. Only the separator is guessed, never the
    quoting (csv.Sniffer guesses both from the first 4 KB: seeing no doubled quote there, it read a quote further
    down as the end of its cell, and an exported sheet came back with its columns shifted)."""
    first_line, _newline, rest = text.partition("\n")
    if first_line.rstrip("\r").casefold() in {f"sep={delimiter}" for delimiter in DELIMITERS}:
        return rest, first_line.rstrip("\r")[-1]

    def fit(delimiter: str) -> tuple[bool, int, int]:
        try:
            rows = list(itertools.islice(csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter),
                                         ROWS_TO_TELL_DELIMITER))
        except csv.Error:
            return False, 0, 0
        width = len(rows[0]) if rows else 0
        return width > 1, sum(1 for row in rows if len(row) == width), width

    return text, max(DELIMITERS, key=fit)  # on a tie, the first: a comma


def _csv_table(data: bytes) -> list[list]:
    text = _decode(data)
    if "\x00" in text:
        raise SheetError(_("This file is neither a CSV file nor an XLSX spreadsheet."))
    text, delimiter = _delimiter(text)
    try:
        return [[_cell(value, from_csv=True) for value in row[:MAX_COLUMNS]]
                for row in csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)]
    except csv.Error as error:
        raise SheetError(_("This CSV file cannot be read: %(reason)s") % {"reason": error}) from error


def read_sheet(data: bytes, name: str = "") -> Sheet:
    """The file's first sheet. Empty lines are left out; every cell longer than MAX_CELL_CHARACTERS is cut there
    (the row's check then says the text is too long where the field has a limit)."""
    if len(data) > MAX_FILE_BYTES:
        raise SheetError(_("The file is larger than %(size)d MB.") % {"size": MAX_FILE_BYTES // (1024 * 1024)})
    table = _xlsx_table(data) if data[:2] == b"PK" or name.lower().endswith(".xlsx") else _csv_table(data)
    table = [[cell[:MAX_CELL_CHARACTERS] if isinstance(cell, str) else cell for cell in row]
             for row in table if any(cell != "" for cell in row)]
    if not table:
        raise SheetError(_("The file is empty."))
    if len(table) - 1 > MAX_ROWS:
        raise SheetError(_("At most %(count)d rows per file.") % {"count": MAX_ROWS})
    headers = [str(cell) if not isinstance(cell, datetime.datetime) else cell.isoformat() for cell in table[0]]
    width = len(headers)
    while width and not headers[width - 1]:
        width -= 1
    if not width:
        raise SheetError(_("The first row must name the columns."))
    rows = [[*row[:width], *[""] * (width - len(row))] for row in table[1:]]
    return Sheet(headers=headers[:width], rows=rows)
