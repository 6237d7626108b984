"""Invitations of the upcoming (made-up) edition: a head of state, ministers, VIPs and guests, in every state an
organizer meets (awaiting an answer, reminded, accepted with their registration, declined, revoked, not sent yet),
with seats reserved in the opening ceremony and the main forum. Fictional people at example addresses. Their dates
are before the day the demo made the edition (``Edition.made_on``, the load's day), never in the future, and kept:
a later load writes nothing."""

import datetime

from forums.enums import ForumKind
from guests.enums import (
    GuestCategory,
    InvitationStatus,
    Participation,
    ProtocolLevel,
    RegistrationSource,
    RegistrationStatus,
    SeatStatus,
)
from guests.models import ForumChoice, Guest, Invitation, Registration

from .context import DemoContext, at
from .upsert import gone

# (email, full name, native name, position, organisation, category, country, language, protocol level, status,
#  reserved: "ceremony" and/or "main", reminders sent)
INVITEES = (
    ("president.office@example.org", "Amara Nwosu", "", "President of the Republic", "Office of the President",
     GuestCategory.GOVERNMENT, "NG", "en", ProtocolLevel.HEAD_OF_STATE, InvitationStatus.PENDING,
     ("ceremony", "main"), 0),
    ("minister.digital@example.org", "Lucas Ferreira", "", "Minister of Communications",
     "Ministry of Communications", GuestCategory.GOVERNMENT, "BR", "en", ProtocolLevel.MINISTER,
     InvitationStatus.ACCEPTED, ("ceremony", "main"), 0),
    ("minister.ict@example.org", "Aigerim Sadykova", "", "Minister of Digital Development",
     "Ministry of Digital Development", GuestCategory.GOVERNMENT, "KZ", "en", ProtocolLevel.MINISTER,
     InvitationStatus.PENDING, ("ceremony",), 1),
    ("ceo.nordic@example.org", "Sofia Lindqvist", "", "Chief Executive Officer", "Nordic Networks",
     GuestCategory.ENTERPRISE, "SE", "en", ProtocolLevel.VIP, InvitationStatus.DECLINED, ("main",), 0),
    ("president.university@example.cn", "Li Ming", "李明", "President", "Zhejiang Institute of Computing",
     GuestCategory.UNIVERSITY, "CN", "zh-hans", ProtocolLevel.VIP, InvitationStatus.PENDING, ("main",), 0),
    ("secretary.general@example.org", "Grace Wanjiru", "", "Secretary-General", "East African Digital Alliance",
     GuestCategory.INTERNATIONAL_ORGANISATION, "KE", "en", ProtocolLevel.VIP, InvitationStatus.PENDING, (), 0),
    ("researcher@example.de", "Jonas Becker", "", "Senior Researcher", "Institute for Network Studies",
     GuestCategory.RESEARCH_INSTITUTE, "DE", "en", ProtocolLevel.GUEST, InvitationStatus.REVOKED, (), 0),
    ("founder@example.eg", "Nour El-Sayed", "", "Founder", "Nile Data Labs", GuestCategory.ENTERPRISE, "EG", "en",
     ProtocolLevel.GUEST, InvitationStatus.PENDING, (), 0),
)
NOT_SENT = "secretary.general@example.org"  # a draft the organizers have not sent yet


def load_invitations(ctx: DemoContext) -> None:
    for year, edition in ctx.editions.items():
        summit = ctx.summits.get(year)
        if edition.made_on is None or summit is None or gone(summit):  # the seeds' editions have no invitations
            continue
        forums = sorted((forum for (forum_year, _slug), forum in ctx.forums.items()
                         if forum_year == year and not gone(forum)), key=lambda forum: (forum.start, forum.pk))
        reserved = {
            "ceremony": [forum for forum in forums if forum.kind == ForumKind.OPENING_CEREMONY][:1],
            "main": [forum for forum in forums if forum.kind == ForumKind.MAIN_FORUM][:1],
        }
        # Sent 20 days before the edition, or 8 days before the load if it made the edition closer than that: the
        # reminders (7 days after sending) and the answers (3 days after) are then in the past too.
        sent_at = at(min(edition.start - datetime.timedelta(days=20), edition.made_on - datetime.timedelta(days=8)),
                     "10:00")
        hold_until = at(edition.start - datetime.timedelta(days=7), "18:00")
        for (email, name, native, title, organisation, category, country, language, level, status, places,
             reminders) in INVITEES:
            answered = status in (InvitationStatus.ACCEPTED, InvitationStatus.DECLINED)
            forums_reserved = [forum for place in places for forum in reserved[place]]
            answered_at = sent_at + datetime.timedelta(days=3)
            registration = None
            if status == InvitationStatus.ACCEPTED:
                registration = _register(ctx, summit, forums_reserved, answered_at=answered_at, details={
                    "email": email, "full_name": name, "native_name": native, "title": title,
                    "organization_name": organisation, "category": category, "country": country,
                    "language": language, "protocol_level": level})
            invitation, _changed = ctx.upsert(Invitation, {"summit": summit, "email": email}, {
                "registration": registration,
                "full_name": name, "native_name": native, "title": title, "organization_name": organisation,
                "category": category, "country": country, "language": language, "protocol_level": level,
                "hold_until": hold_until, "status": status,
                "sent_at": None if email == NOT_SENT else sent_at,
                "reminder_count": reminders,
                "reminded_at": sent_at + datetime.timedelta(days=7) if reminders else None,
                "answered_at": answered_at if answered else None,
                "link_version": 2 if status == InvitationStatus.REVOKED else 1,
                "note": "Demo: invited twice by mistake" if status == InvitationStatus.REVOKED else "Demo invitation",
            })
            if not gone(invitation):
                ctx.upserter.set_m2m(invitation, "reserved_forums", forums_reserved)


def _register(ctx: DemoContext, summit, forums, *, answered_at, details: dict) -> Registration | None:
    """The accepted invitee's registration, as ``services.accept_invitation`` makes it: verified through the link,
    seated in the forums reserved for them."""
    level = details.pop("protocol_level")
    guest, _changed = ctx.upsert(Guest, {"email": details.pop("email")}, {**details, "phone": "+55 61 2027 0000"})
    if gone(guest):
        return None
    registration, _changed = ctx.upsert(Registration, {"guest": guest, "summit": summit}, {
        "participation": Participation.OFFLINE, "status": RegistrationStatus.VERIFIED,
        "source": RegistrationSource.INVITATION, "protocol_level": level,
        "consented_at": answered_at, "verified_at": answered_at,
    })
    if gone(registration):
        return None
    for forum in forums:
        ctx.upsert(ForumChoice, {"registration": registration, "forum": forum}, {"seat_status": SeatStatus.SEATED})
    return registration
