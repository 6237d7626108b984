"""``{{ start|date_range:end }}``: a span of days written as each language writes it.

Chinese names the year and month once and joins with 至 (2027年1月5日至8日, 2026年12月30日至2027年1月2日); English
names the month and year once (Jan. 5–8, 2027; Nov. 30 – Dec. 2, 2027). A single day is that day.
"""

import datetime

from django import template
from django.utils.formats import date_format
from django.utils.translation import get_language

register = template.Library()


def _chinese(start: datetime.date, end: datetime.date) -> str:
    first = date_format(start, "Y年n月j日")
    if start.year != end.year:
        return f"{first}至{date_format(end, 'Y年n月j日')}"
    if start.month != end.month:
        return f"{first}至{date_format(end, 'n月j日')}"
    return f"{first}至{end.day}日"


def _english(start: datetime.date, end: datetime.date) -> str:
    if start.year != end.year:
        return f"{date_format(start, 'N j, Y')} – {date_format(end, 'N j, Y')}"
    if start.month != end.month:
        return f"{date_format(start, 'N j')} – {date_format(end, 'N j, Y')}"
    return f"{date_format(start, 'N j')}–{end.day}, {end.year}"


@register.filter
def date_range(start, end):
    if not start or not end:
        return date_format(start or end, "DATE_FORMAT") if (start or end) else ""
    if start == end:
        return date_format(start, "DATE_FORMAT")
    return _chinese(start, end) if (get_language() or "").startswith("zh") else _english(start, end)
