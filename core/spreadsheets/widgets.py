"""Cells read and written the way organizers write them, as django-import-export widgets: Wuzhen times from Excel
date cells or text ("2027-01-05 09:30", "2027/1/5 9:30", "2027年1月5日 9:30"), choices by value or by their name in
either language, rows by any of their names. A cell that cannot be read raises ValueError with the reason in the
organizer's language; the resource reports it on the row's line."""

import datetime
import re
import unicodedata

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from import_export.widgets import Widget

from ..clock import WUZHEN
from ..text import has_control_characters, listed

TIME_TEXT = re.compile(
    r"^(?P<year>\d{4})\s*[-/.年]\s*(?P<month>\d{1,2})\s*[-/.月]\s*(?P<day>\d{1,2})\s*日?"
    r"(?:\s*[T\s]\s*|\s*)(?P<hour>\d{1,2})\s*[:：时]\s*(?P<minute>\d{1,2})\s*分?(?::(?P<second>\d{1,2}))?$"
)
SLUG = re.compile(r"[-a-zA-Z0-9_]+")  # what Django's validate_slug takes
LIST_SEPARATORS = str.maketrans({",": ";", "，": ";", "；": ";", "、": ";", "\n": ";"})


def list_cell(value) -> list[str]:
    """The items of a cell listing several ("a; b", "a, b", "a、b", one per line), without empty ones."""
    return [part.strip() for part in str(value or "").translate(LIST_SEPARATORS).split(";") if part.strip()]


def wuzhen_time(value) -> datetime.datetime | None:
    """The cell's time in Wuzhen (Asia/Shanghai); None for an empty cell. An aware time keeps its instant."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.astimezone(WUZHEN) if timezone.is_aware(value) else value.replace(tzinfo=WUZHEN)
    match = TIME_TEXT.match(str(value).strip())
    if match:
        parts = {name: int(number) for name, number in match.groupdict(default="0").items()}
        try:
            return datetime.datetime(tzinfo=WUZHEN, **parts)
        except ValueError:
            pass
    raise ValueError(_("“%(value)s” is not a date and time (e.g. 2027-01-05 09:30 or 2027年1月5日 9:30).")
                     % {"value": str(value)[:60]})


class WuzhenTimeWidget(Widget):
    """A time; an empty cell is refused as such (not left for the model to call it "null")."""

    def clean(self, value, row=None, **kwargs):
        found = wuzhen_time(value)
        if found is None:
            raise ValueError(_("This field is required."))
        return found

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else timezone.localtime(value, WUZHEN).strftime("%Y-%m-%d %H:%M")


class TextWidget(Widget):
    """Text; ``one_line`` refuses line breaks and control characters (a title, a name); ``max_length`` for a text
    whose limit is not the database's (a speaker's biography, which the portal must be able to save again)."""

    def __init__(self, *, one_line: bool = False, max_length: int | None = None):
        super().__init__()
        self.one_line, self.max_length = one_line, max_length

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if self.one_line and has_control_characters(text):
            raise ValueError(_("Write it on one line."))
        if self.max_length is not None and len(text) > self.max_length:
            raise ValueError(_("At most %(limit)d characters (this has %(length)d).") % {
                "limit": self.max_length, "length": len(text)})
        return text


class SlugWidget(TextWidget):
    """A slug (a forum's or speaker's address on the site), refused in words an organizer reads."""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        if text and not SLUG.fullmatch(text):
            raise ValueError(_("Use only ASCII letters, digits, hyphens and underscores, e.g. digital-economy."))
        return text


class WholeNumberWidget(Widget):
    """A whole number of zero or more (a seat quota); empty gives None."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
            number = int(value)
        elif re.fullmatch(r"\s*\d{1,9}\s*", str(value)):
            number = int(str(value))
        else:
            number = -1
        if number < 0:
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": str(value)[:60]})
        return number

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class ChoiceWidget(Widget):
    """A choice by its value or its name in English or Chinese; empty gives ``default``."""

    def __init__(self, choices, *, default=""):
        super().__init__()
        self.choices, self.default = choices, default
        self.lookup = {}
        for language in ("en", "zh-hans"):
            with translation.override(language):
                for choice_value, label in choices:
                    self.lookup[str(label).casefold()] = choice_value
                    self.lookup[str(choice_value).casefold()] = choice_value

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            return self.default
        if text.casefold() not in self.lookup:
            raise ValueError(_("Unknown value “%(value)s”: write one of %(choices)s.") % {
                "value": text[:60], "choices": listed(label for _value, label in self.choices)})
        return self.lookup[text.casefold()]

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices).get(value, value or ""))


def name_key(name) -> str:
    """A name as compared: case, spaces and full-width forms left out (“会议室1（乌镇）” is “会议室1 (乌镇)”)."""
    return "".join(unicodedata.normalize("NFKC", str(name)).casefold().split())


class NamedRowWidget(Widget):
    """A row found by any of its names (slug, name in either language), as ``name_key`` compares them, among
    ``rows``; empty gives None. ``names(row)`` lists a row's names; ``unknown`` is the error, with %(value)s."""

    def __init__(self, rows, *, names, label, unknown):
        super().__init__()
        self.label, self.unknown = label, unknown
        self.lookup = {}
        for row in rows:
            for name in names(row):
                if name:
                    self.lookup.setdefault(name_key(name), row)

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        found = self.lookup.get(name_key(text))
        if found is None:
            raise ValueError(self.unknown % {"value": text[:100]})
        return found

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else self.label(value)
