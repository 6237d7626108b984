"""Organizers' bulk import of invitations: a CSV or XLSX file read into rows, each checked (address, country,
forums, duplicates...) with its errors in the organizer's language; nothing is saved here (that is
``services.import_invitations``, once the preview shows no error). The same columns make the template file."""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.clock import WUZHEN
from core.countries import country_lookup, read_country, unknown_country_message
from core.text import without_bidi_controls

from .enums import LIVE_INVITATION_STATUSES, GuestCategory, ProtocolLevel
from .models import Invitation
from .services import registrable_forums

COLUMNS = ("email", "full_name", "native_name", "title", "organization_name", "category", "country", "language",
           "protocol_level", "reserved_forums", "hold_until", "note")
REQUIRED = ("email", "full_name", "category", "country")
EXAMPLE = {
    "email": "amina.diallo@example.org", "full_name": "Amina Diallo", "native_name": "", "title": "Minister",
    "organization_name": "Ministry of Communication and Digital Economy", "category": "government",
    "country": "Senegal", "language": "en", "protocol_level": "minister", "reserved_forums": "",
    "hold_until": "", "note": "",
}
MAX_ROWS = 5000


def column_labels() -> list[str]:
    """The columns' names for people (the invitation's field names, translated), in the order of COLUMNS."""
    return [capfirst(Invitation._meta.get_field(column).verbose_name) for column in COLUMNS]


class ImportFileError(Exception):
    """The file cannot be read as a table of invitations (its type, encoding or columns)."""


@dataclass
class ImportRow:
    """One line of the file: what it says (``values``, as text), what it becomes (``cleaned``) and its errors."""

    line: int
    values: dict[str, str]
    cleaned: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(upload) -> list[dict[str, str]]:
    """The file's rows as dicts of text by column; ``.xlsx`` through openpyxl, anything else as UTF-8 CSV."""
    name = (getattr(upload, "name", "") or "").lower()
    data = upload.read()
    if name.endswith(".xlsx") or data[:2] == b"PK":
        from openpyxl import load_workbook  # only for a spreadsheet: the module is large

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:  # noqa: BLE001 - openpyxl raises many types for a damaged or foreign file
            raise ImportFileError(_("This file is not a readable XLSX spreadsheet.")) from error
        table = [[_text(cell) for cell in row] for row in workbook.worksheets[0].iter_rows(values_only=True)]
        workbook.close()
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFileError(_("Save the CSV file in UTF-8 (Excel: \"CSV UTF-8\").")) from error
        table = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]
    table = [row for row in table if any(row)]
    if not table:
        raise ImportFileError(_("The file is empty."))
    header = [cell.strip().lower() for cell in table[0]]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise ImportFileError(_("Columns missing from the first row: %(columns)s. Start from the template file.")
                              % {"columns": ", ".join(missing)})
    if len(table) - 1 > MAX_ROWS:
        raise ImportFileError(_("At most %(count)d invitations per file.") % {"count": MAX_ROWS})
    return [{column: (row[index] if index < len(row) else "") for index, column in enumerate(header)
             if column in COLUMNS} for row in table[1:]]


def _choice_lookup(choices) -> dict[str, str]:
    """Each choice by its value or its label in English or Chinese, case-blind."""
    lookup = {}
    for language in ("en", "zh-hans"):
        with translation.override(language):
            for value, label in choices:
                lookup[str(label).casefold()] = value
                lookup[str(value).casefold()] = value
    return lookup


# Protocol levels as organizers write them besides the labels (部长级, 国家元首或政府首脑...).
PROTOCOL_LEVEL_NAMES = {
    "部长": ProtocolLevel.MINISTER, "部长级": ProtocolLevel.MINISTER, "minister-level": ProtocolLevel.MINISTER,
    "ministerial": ProtocolLevel.MINISTER, "国家元首": ProtocolLevel.HEAD_OF_STATE,
    "政府首脑": ProtocolLevel.HEAD_OF_STATE, "head of state": ProtocolLevel.HEAD_OF_STATE,
    "head of government": ProtocolLevel.HEAD_OF_STATE, "贵宾": ProtocolLevel.VIP, "嘉宾": ProtocolLevel.GUEST,
}
LANGUAGE_NAMES = {"en": "en", "english": "en", "英语": "en", "英文": "en", "zh-hans": "zh-hans", "zh": "zh-hans",
                  "zh-cn": "zh-hans", "chinese": "zh-hans", "simplified chinese": "zh-hans", "中文": "zh-hans",
                  "简体中文": "zh-hans"}


def _hold_until(value: str, summit) -> datetime.datetime | None:
    """A date (the end of that day) or a date and time, in Beijing time; empty: INVITATION_HOLD_DAYS from now."""
    edition_end = datetime.datetime.combine(summit.end_date, datetime.time(23, 59), tzinfo=WUZHEN)
    if not value:
        return min(timezone.now() + datetime.timedelta(days=settings.INVITATION_HOLD_DAYS), edition_end)
    for pattern in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"):
        try:
            return datetime.datetime.strptime(value, pattern).replace(tzinfo=WUZHEN)
        except ValueError:
            continue
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return None
    return datetime.datetime.combine(day, datetime.time(23, 59), tzinfo=WUZHEN)


def check_rows(*, summit, table: list[dict[str, str]]) -> list[ImportRow]:
    """Each row checked and cleaned; a row with errors keeps them, in the active language. Three queries."""
    categories = _choice_lookup(GuestCategory.choices)
    levels = {**PROTOCOL_LEVEL_NAMES, **_choice_lookup(ProtocolLevel.choices)}
    country_names = country_lookup()
    forums = {}
    for forum in registrable_forums(summit):
        for key in (forum.slug, forum.title_en, forum.title_zh_hans):
            if key:
                forums[key.strip().casefold()] = forum.pk
    taken = set(Invitation.objects.filter(summit=summit, status__in=LIVE_INVITATION_STATUSES)
                .annotate(address=Lower("email")).values_list("address", flat=True))
    seen: dict[str, int] = {}
    edition_end = datetime.datetime.combine(summit.end_date + datetime.timedelta(days=1), datetime.time.min,
                                            tzinfo=WUZHEN)
    rows = []
    for index, values in enumerate(table, start=2):  # line 1 is the header
        # Bidirectional controls removed at once (as the public forms do): the preview, the list and the email
        # would show the text after one reversed.
        values = {column: without_bidi_controls(_text(values.get(column, ""))).strip() for column in COLUMNS}
        row = ImportRow(line=index, values=values)
        errors, cleaned = row.errors, row.cleaned
        for column in REQUIRED:
            if not values[column]:
                errors.append(_("%(column)s is required.") % {"column": column})
        email = values["email"].lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(_("“%(value)s” is not a valid email address.") % {"value": values["email"]})
            if email in taken:
                errors.append(_("%(email)s already has an invitation to this summit.") % {"email": email})
            if email in seen:
                errors.append(_("%(email)s is already on line %(line)d.") % {"email": email, "line": seen[email]})
            seen.setdefault(email, index)
        cleaned["email"] = email
        for column, limit in (("full_name", 200), ("native_name", 200), ("title", 300), ("organization_name", 300)):
            if len(values[column]) > limit:
                errors.append(_("%(column)s is longer than %(limit)d characters.") % {"column": column,
                                                                                     "limit": limit})
            cleaned[column] = " ".join(values[column].split())
        if values["category"]:
            cleaned["category"] = categories.get(values["category"].casefold())
            if cleaned["category"] is None:
                errors.append(_("Unknown category “%(value)s”.") % {"value": values["category"]})
        if values["country"]:
            cleaned["country"] = read_country(values["country"], country_names)
            if cleaned["country"] is None:
                errors.append(unknown_country_message(values["country"]))
        cleaned["language"] = LANGUAGE_NAMES.get((values["language"] or "en").casefold())
        if cleaned["language"] is None:
            errors.append(_("Unknown language “%(value)s” (en or zh-hans).") % {"value": values["language"]})
        cleaned["protocol_level"] = levels.get((values["protocol_level"] or ProtocolLevel.GUEST).casefold())
        if cleaned["protocol_level"] is None:
            errors.append(_("Unknown protocol level “%(value)s”.") % {"value": values["protocol_level"]})
        forum_ids = []
        for name in filter(None, (part.strip() for part in values["reserved_forums"].replace(",", ";").split(";"))):
            if name.casefold() in forums:
                forum_ids.append(forums[name.casefold()])
            else:
                errors.append(_("Unknown forum “%(value)s” (give its slug or title).") % {"value": name})
        cleaned["reserved_forum_ids"] = sorted(set(forum_ids))
        hold_until = _hold_until(values["hold_until"], summit)
        if hold_until is None:
            errors.append(_("“%(value)s” is not a date (YYYY-MM-DD or YYYY-MM-DD HH:MM).")
                          % {"value": values["hold_until"]})
        elif hold_until <= timezone.now():
            errors.append(_("The hold deadline %(value)s has passed.") % {"value": values["hold_until"]})
        elif hold_until >= edition_end:
            errors.append(_("The hold deadline is after the summit's last day."))
        cleaned["hold_until"] = hold_until
        cleaned["note"] = values["note"]
        rows.append(row)
    return rows


def template_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerow([EXAMPLE[column] for column in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM makes Excel read it as UTF-8


def template_xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "invitations"
    sheet.append(list(COLUMNS))
    sheet.append([EXAMPLE[column] for column in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
