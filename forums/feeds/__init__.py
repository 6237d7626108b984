"""The schedule in the formats partners' apps already read: c3voc JSON, frab XML and iCalendar.

Each format is a pure function from a ``Feed`` (an edition's public sessions, in one language) to bytes; the
views look the sessions up and cache the bytes per content version.
"""

from collections.abc import Callable
from dataclasses import dataclass

from . import c3voc_json, frab_xml, ical
from .layout import Feed


@dataclass(frozen=True)
class FeedFormat:
    render: Callable[[Feed], bytes]
    content_type: str


FEED_FORMATS = {
    "json": FeedFormat(c3voc_json.render, "application/json; charset=utf-8"),
    "xml": FeedFormat(frab_xml.render, "application/xml; charset=utf-8"),
    "ics": FeedFormat(ical.render, "text/calendar; charset=utf-8"),
}

__all__ = ["FEED_FORMATS", "Feed", "FeedFormat"]
