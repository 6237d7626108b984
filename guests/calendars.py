"""The guest's personal agenda as an iCalendar feed: the sessions of the forums they hold a seat in.

Calendar apps subscribe to it (webcal) and fetch it again, so a session that moves moves in their calendar too:
each event's UID is the session's stable identifier. Times are Wuzhen's, with the VTIMEZONE that describes them.
Built with the schedule feed's parts (forums.feeds.ical).
"""

import datetime

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from core.enums import PublicationStatus
from forums.feeds.ical import add_wuzhen_timezone, new_calendar, session_event
from forums.models import Session

from .enums import CLOSED_REGISTRATION_STATUSES, SeatStatus
from .models import Registration

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
    description = "\n\n".join(part for part in (session.forum.title, session.description) if part)
    # The public feed's UID: calendar apps merge the two.
    return session_event(session, stamp=stamp, last_modified=session.updated_at, description=description,
                         location=_location(session))


def agenda_ics(registration: Registration) -> bytes:
    """The calendar file, in the language of the request (the link carries the guest's language)."""
    summit = registration.summit
    calendar = new_calendar(prodid=PRODID, name=_("%(summit)s: my agenda") % {"summit": summit.name})
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    sessions = seated_sessions(registration)
    for session in sessions:
        calendar.add_component(_event(session, stamp))
    if sessions:  # no event, no time to describe
        add_wuzhen_timezone(calendar, year=summit.year)
    return calendar.to_ical()
