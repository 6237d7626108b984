"""The guest's personal agenda as an iCalendar feed: the sessions of the forums they hold a seat in.

Calendar apps subscribe to it (webcal) and fetch it again, so a session that moves moves in their calendar too:
each event's UID is the session's stable identifier. Times are Wuzhen's, with the VTIMEZONE that describes them.
"""

import datetime
import zoneinfo

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from core.enums import PublicationStatus
from forums.feeds.ical import session_uid
from forums.models import Session

from .enums import CLOSED_REGISTRATION_STATUSES, SeatStatus
from .models import Registration

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
PRODID = "-//World Internet Conference//Wuzhen Summit agenda//EN"


def seated_sessions(registration: Registration) -> list[Session]:
    """Published sessions of the published forums the guest is seated in, in time order; none once closed."""
    if registration.status in CLOSED_REGISTRATION_STATUSES:
        return []
    return list(
        Session.objects.filter(
            forum__choices__registration=registration, forum__choices__seat_status=SeatStatus.SEATED,
            forum__status=PublicationStatus.PUBLISHED, status=PublicationStatus.PUBLISHED,
        )
        .select_related("forum__room__venue", "room__venue")
        .order_by("start", "pk")
    )


def _location(session: Session) -> str:
    room = session.room or session.forum.room
    return f"{room.name}, {room.venue.name}" if room else ""


def _event(session: Session, stamp: datetime.datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", session_uid(session))  # the public feed's UID: calendar apps merge the two
    event.add("dtstamp", stamp)
    event.add("last-modified", session.updated_at.astimezone(datetime.UTC))
    event.add("dtstart", timezone.localtime(session.start, SHANGHAI))
    event.add("dtend", timezone.localtime(session.end, SHANGHAI))
    event.add("summary", session.title)
    description = "\n\n".join(part for part in (session.forum.title, session.description) if part)
    event.add("description", description)
    location = _location(session)
    if location:
        event.add("location", location)
    return event


def agenda_ics(registration: Registration) -> bytes:
    """The calendar file, in the language of the request (the link carries the guest's language)."""
    summit = registration.summit
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = _("%(summit)s: my agenda") % {"summit": summit.name}
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)
    calendar.add("x-wr-timezone", "Asia/Shanghai")
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    for session in seated_sessions(registration):
        calendar.add_component(_event(session, stamp))
    # A VTIMEZONE for Wuzhen's offsets around the edition, not since 1970.
    calendar.add_missing_timezones(
        first_date=datetime.date(summit.year - 1, 1, 1), last_date=datetime.date(summit.year + 1, 12, 31)
    )
    return calendar.to_ical()
