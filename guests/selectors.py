"""Reads about guests shared by the registration flow, the admin and the public site."""

from collections.abc import Iterable

from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, When

from .enums import CLOSED_REGISTRATION_STATUSES, Participation, SeatStatus
from .models import ForumChoice, Registration


def forum_seat_counts(forum_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """Seated and waitlisted guests of each forum, in one query:
    ``{forum_id: {"seated": n, "waitlisted": m, "seated_on_site": k}}``; only on-site guests take up seats.

    Every forum asked about is in the answer, with zeros if nobody chose it. Choices of rejected or cancelled
    registrations hold no seat and are not counted.
    """
    forum_ids = list(forum_ids)
    counts = {forum_id: {"seated": 0, "waitlisted": 0, "seated_on_site": 0} for forum_id in forum_ids}
    if not forum_ids:
        return counts
    rows = (
        ForumChoice.objects.filter(forum_id__in=forum_ids)
        .exclude(registration__status__in=CLOSED_REGISTRATION_STATUSES)
        .values("forum_id")
        .annotate(
            seated=Count("pk", filter=Q(seat_status=SeatStatus.SEATED)),
            waitlisted=Count("pk", filter=Q(seat_status=SeatStatus.WAITLISTED)),
            seated_on_site=Count(
                "pk", filter=Q(seat_status=SeatStatus.SEATED, registration__participation=Participation.OFFLINE)
            ),
        )
        .order_by()
    )
    for row in rows:
        counts[row.pop("forum_id")] = row
    return counts


def registration_choices(registration: Registration) -> list[ForumChoice]:
    """The forums a registration chose, in programme order, with their rooms; each choice on a waiting list carries
    ``waiting_place``, its place in the forum's queue (1: the next guest to be seated), else None. One query.

    The queue is the one ``services.promote_waitlisted`` seats from: the forum's waiting choices of live
    registrations, first come (``waitlisted_at``, then id), first served.
    """
    ahead_or_same = (
        ForumChoice.objects.filter(forum=OuterRef("forum"), seat_status=SeatStatus.WAITLISTED)
        .exclude(registration__status__in=CLOSED_REGISTRATION_STATUSES)
        .filter(
            Q(waitlisted_at__lt=OuterRef("waitlisted_at"))
            | Q(waitlisted_at=OuterRef("waitlisted_at"), pk__lte=OuterRef("pk"))
        )
        .order_by()
        .values("forum")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return list(
        ForumChoice.objects.filter(registration=registration)
        .select_related("forum__room")
        .annotate(waiting_place=Case(
            When(seat_status=SeatStatus.WAITLISTED, then=Subquery(ahead_or_same)),
            default=None, output_field=IntegerField(),
        ))
        .order_by("forum__start", "forum__pk")
    )


def email_kind(key: str) -> str:
    """The kind of a guest's email ("verification", "approved", ...) read from its outbox key, or "" if another's.

    Keys are ``registration:<id>:<kind>:<version>`` (see ``guests.emails.email_key``).
    """
    parts = key.split(":")
    return parts[2] if len(parts) >= 3 and parts[0] == "registration" else ""
