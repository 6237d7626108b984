"""The seats of each forum: given first come first served to on-site guests, with a waiting list when a forum
is full, and given again to the next guests waiting when seats are freed.

A pending invitation holds one seat in each forum reserved for it until its ``hold_until``: held seats are counted
with the seats taken (``_seated_offline``), under the same forum locks, so nobody else takes them; accepting the
invitation turns the hold into the invitee's seat, and a hold that ends (declined, revoked, expired) frees it for
the guests waiting."""

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from core.enums import PublicationStatus
from core.transactions import atomic_with_retry
from forums.enums import ForumKind, ForumRegistrationMode
from forums.models import Forum

from ..emails import queue_guest_email
from ..enums import CLOSED_REGISTRATION_STATUSES, InvitationStatus, Participation, SeatStatus
from ..models import ForumChoice, Invitation, Registration

# Forums a guest can choose when registering; press conferences are for the media's own accreditation.
REGISTRABLE_FORUM_KINDS = (
    ForumKind.OPENING_CEREMONY, ForumKind.MAIN_FORUM, ForumKind.SUB_FORUM, ForumKind.AWARD_CEREMONY,
    ForumKind.SIDE_EVENT,
)


def registrable_forums(summit):
    """Every forum guests may hold seats in, open to all or by invitation only."""
    return Forum.objects.filter(summit=summit, status=PublicationStatus.PUBLISHED, kind__in=REGISTRABLE_FORUM_KINDS)


def open_forums(summit):
    """The forums offered on the public form: those by invitation only are left to the guests invited to them."""
    return registrable_forums(summit).filter(registration_mode=ForumRegistrationMode.OPEN)


def held_seats(forum_ids: Iterable[int]) -> dict[int, int]:
    """Seats held for invitees in each forum: one per pending invitation reserving it, until its ``hold_until``."""
    rows = (
        Invitation.reserved_forums.through.objects.filter(
            forum_id__in=list(forum_ids), invitation__status=InvitationStatus.PENDING,
            invitation__hold_until__gt=timezone.now(),
        )
        .values("forum_id")
        .annotate(held=Count("pk"))
        .order_by()
    )
    return {row["forum_id"]: row["held"] for row in rows}


def forum_capacity(forum: Forum) -> int | None:
    """Seats for registered guests: the organizers' quota, else the room's capacity; None means no limit."""
    if forum.seat_quota:
        return forum.seat_quota
    room = forum.room  # None without a query when room_id is None
    return room.capacity if room is not None else None


def lock_forums(forum_ids: Iterable[int]) -> list[Forum]:
    """Lock the forums' rows so seats are counted and given one at a time: always in id order, so that two
    transactions locking forums they share take them in the same order and never wait on each other. A flow that
    writes choices of a forum locks it first (see the order in ``registration``); locking it again is free."""
    forums = Forum.objects.filter(pk__in=set(forum_ids)).select_related("room").order_by("pk")
    if settings.GUESTS_LOCK_SEATS:
        # of=self: the room is joined (nullable, outer join), and only the forum needs locking. Databases
        # without row locks (the embedded SQLite) ignore the whole clause.
        forums = forums.select_for_update(of=("self",))
    return list(forums)


def _seated_offline(forum_ids: Iterable[int]) -> dict[int, int]:
    """The seats taken in each forum: on-site guests seated, and seats held for invitees."""
    forum_ids = list(forum_ids)
    taken = held_seats(forum_ids)
    rows = (
        ForumChoice.objects.filter(
            forum_id__in=list(forum_ids), seat_status=SeatStatus.SEATED,
            registration__participation=Participation.OFFLINE,
        )
        .exclude(registration__status__in=CLOSED_REGISTRATION_STATUSES)
        .values("forum_id")
        .annotate(seated=Count("pk"))
    )
    for row in rows:
        taken[row["forum_id"]] = taken.get(row["forum_id"], 0) + row["seated"]
    return taken


def allocate_seats(
    registration: Registration, forum_ids: Iterable[int], *, reserved: Iterable[int] = ()
) -> list[ForumChoice]:
    """Give the registration a seat in each forum, or a place on its waiting list when it is full.

    In the ``reserved`` forums the seat was held for this guest (their invitation, accepted in the same
    transaction): it is theirs whatever the count says."""
    forums = lock_forums(forum_ids)
    seated = _seated_offline(forum.pk for forum in forums)
    reserved = set(reserved)
    now = timezone.now()
    choices = []
    for forum in forums:
        capacity = forum_capacity(forum)
        full = (
            forum.pk not in reserved
            and registration.participation == Participation.OFFLINE
            and capacity is not None
            and seated.get(forum.pk, 0) >= capacity
        )
        choices.append(ForumChoice(
            registration=registration, forum=forum,
            seat_status=SeatStatus.WAITLISTED if full else SeatStatus.SEATED,
            waitlisted_at=now if full else None,
        ))
    ForumChoice.objects.bulk_create(choices)
    for choice in choices:
        if choice.seat_status == SeatStatus.WAITLISTED:
            queue_guest_email(registration=registration, kind="waitlisted", version=str(choice.forum_id),
                              extra={"forum": choice.forum})
    return choices


def release_seats(registration: Registration) -> list[int]:
    """A cancelled or rejected registration gives back its seats and waiting places; returns the forums' ids, whose
    seats go to the next guests waiting (``promote_waitlisted``)."""
    choices = ForumChoice.objects.filter(registration=registration)
    forum_ids = sorted(choices.values_list("forum_id", flat=True))
    choices.exclude(seat_status=SeatStatus.RELEASED).update(
        seat_status=SeatStatus.RELEASED, waitlisted_at=None, updated_at=timezone.now()
    )
    return forum_ids


def promote_waitlisted(*, forum_ids: Iterable[int]) -> int:
    """Seat the next waiting guests (first come, first served) wherever seats are free; each is emailed."""
    promoted = 0
    forums = lock_forums(forum_ids)
    seated = _seated_offline(forum.pk for forum in forums)
    for forum in forums:
        capacity = forum_capacity(forum)
        waiting = (
            ForumChoice.objects.filter(forum=forum, seat_status=SeatStatus.WAITLISTED)
            .exclude(registration__status__in=CLOSED_REGISTRATION_STATUSES)
            .select_related("registration__guest", "registration__summit")
            .order_by("waitlisted_at", "pk")
        )
        free = None if capacity is None else capacity - seated.get(forum.pk, 0)
        if free is not None:
            waiting = waiting[: max(free, 0)]
        for choice in waiting:
            choice.seat_status, choice.waitlisted_at = SeatStatus.SEATED, None
            choice.save(update_fields=["seat_status", "waitlisted_at", "updated_at"])
            queue_guest_email(registration=choice.registration, kind="promoted",
                              version=f"{forum.pk}-{choice.pk}", extra={"forum": forum})
            promoted += 1
    return promoted


@atomic_with_retry
def seat_waiting_guests(*, forum_id: int) -> int:
    """Seat the guests waiting for one forum as far as its seats now allow (its quota or room changed)."""
    return promote_waitlisted(forum_ids=[forum_id])


def seat_waiting_guests_on_commit(*, forum_id: int) -> None:
    """After the organizer's save commits, in a transaction of its own: the save is never held up or undone."""
    transaction.on_commit(lambda: seat_waiting_guests(forum_id=forum_id))
