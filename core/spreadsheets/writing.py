"""A sheet written for spreadsheet programs without letting a cell run as a formula (CSV injection: a name typed as
``=HYPERLINK(...)`` by an outsider must reach the organizer's Excel as text). XLSX cells are typed as text; a CSV
cell starting with = + - @ or a tab gets an apostrophe first, and so does one starting with an apostrophe before
one of those (or another apostrophe): ``reading`` takes one apostrophe off again, and an exported sheet imports as
it was, whatever its text."""

import csv
import io

from .reading import FORMULA_STARTS, PROTECTED


def _csv_safe(value) -> str:
    text = "" if value is None else str(value)
    if (text.startswith(FORMULA_STARTS) and not _is_number(text)) or (text[:1] == "'" and text[1:2] in PROTECTED):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def write_csv(headers: list[str], rows: list[list]) -> bytes:
    """UTF-8 with a byte order mark, which Excel needs to read it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_csv_safe(header) for header in headers])
    writer.writerows([_csv_safe(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_xlsx(headers: list[str], rows: list[list], *, title: str = "sheet") -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in [headers, *rows]:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value="" if value is None else ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(value)))
            cell.data_type = "s"  # text, even when it starts with "=": never a formula
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
