"""The registration life cycle: submitted -> email verified -> approved or rejected -> checked in, cancelled by
the guest at any time; and the seats of each forum, given first come first served with a waiting list."""

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from core.enums import AuditAction, PublicationStatus
from core.services.audit import record_audit
from forums.enums import ForumKind
from forums.models import Forum

from .emails import queue_guest_email
from .enums import CLOSED_REGISTRATION_STATUSES, Participation, RegistrationStatus, SeatStatus
from .models import ForumChoice, Guest, Registration

# Forums a guest can choose when registering; press conferences are for the media's own accreditation.
REGISTRABLE_FORUM_KINDS = (
    ForumKind.OPENING_CEREMONY, ForumKind.MAIN_FORUM, ForumKind.SUB_FORUM, ForumKind.AWARD_CEREMONY,
    ForumKind.SIDE_EVENT,
)
logger = logging.getLogger(__name__)

ACTIVE_STATUSES = (
    RegistrationStatus.SUBMITTED, RegistrationStatus.VERIFIED, RegistrationStatus.APPROVED,
    RegistrationStatus.CHECKED_IN,
)


class RegistrationError(ValidationError):
    """A refusal to show the guest or organizer as it is."""


@dataclass(frozen=True)
class RegistrationRequest:
    email: str
    full_name: str
    title: str
    organization_name: str
    category: str
    country: str
    participation: str
    language: str
    forum_ids: tuple[int, ...] = ()
    native_name: str = ""
    phone: str = ""
    needs: str = ""


@dataclass(frozen=True)
class RegistrationOutcome:
    registration: Registration
    created: bool


@dataclass(frozen=True)
class CheckIn:
    registration: Registration | None
    checked_in_now: bool = False
    already_at: datetime.datetime | None = None
    error: str = ""


def registrable_forums(summit):
    return Forum.objects.filter(summit=summit, status=PublicationStatus.PUBLISHED, kind__in=REGISTRABLE_FORUM_KINDS)


def forum_capacity(forum: Forum) -> int | None:
    """Seats for registered guests: the organizers' quota, else the room's capacity; None means no limit."""
    if forum.seat_quota:
        return forum.seat_quota
    return forum.room.capacity if forum.room_id else None


def _lock_forums(forum_ids: Iterable[int]) -> list[Forum]:
    """Lock the forums' rows (in id order, against deadlocks) so seats are counted and given one at a time."""
    forums = Forum.objects.filter(pk__in=set(forum_ids)).select_related("room").order_by("pk")
    if settings.GUESTS_LOCK_SEATS:
        # of=self: the room is joined (nullable, outer join), and only the forum needs locking. Databases
        # without row locks (the embedded SQLite) ignore the whole clause.
        forums = forums.select_for_update(of=("self",))
    return list(forums)


def _seated_offline(forum_ids: Iterable[int]) -> dict[int, int]:
    rows = (
        ForumChoice.objects.filter(
            forum_id__in=list(forum_ids), seat_status=SeatStatus.SEATED,
            registration__participation=Participation.OFFLINE,
        )
        .exclude(registration__status__in=CLOSED_REGISTRATION_STATUSES)
        .values("forum_id")
        .annotate(seated=Count("pk"))
    )
    return {row["forum_id"]: row["seated"] for row in rows}


def _allocate(registration: Registration, forum_ids: Iterable[int]) -> list[ForumChoice]:
    """Give the registration a seat in each forum, or a place on its waiting list when it is full."""
    forums = _lock_forums(forum_ids)
    seated = _seated_offline(forum.pk for forum in forums)
    now = timezone.now()
    choices = []
    for forum in forums:
        capacity = forum_capacity(forum)
        full = (
            registration.participation == Participation.OFFLINE
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


def promote_waitlisted(*, forum_ids: Iterable[int]) -> int:
    """Seat the next waiting guests (first come, first served) wherever seats are free; each is emailed."""
    promoted = 0
    forums = _lock_forums(forum_ids)
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


def _forum_ids(registration: Registration) -> list[int]:
    return list(registration.forum_choices.values_list("forum_id", flat=True))


def _check_forums(summit, forum_ids: Iterable[int]) -> list[int]:
    forum_ids = sorted(set(forum_ids))
    allowed = set(registrable_forums(summit).filter(pk__in=forum_ids).values_list("pk", flat=True))
    if len(allowed) != len(forum_ids):
        raise RegistrationError(_("Some of the chosen forums are not open to registration."))
    return forum_ids


def _guest_for(request: RegistrationRequest) -> Guest:
    """The guest with this email (any case), created if new; locked for the rest of the transaction."""
    email = request.email.strip().lower()
    guest = Guest.objects.select_for_update().filter(email__iexact=email).first()
    if guest is not None:
        return guest
    try:
        with transaction.atomic():
            return Guest.objects.create(
                email=email, full_name=request.full_name, native_name=request.native_name, title=request.title,
                organization_name=request.organization_name, category=request.category, country=request.country,
                phone=request.phone, language=request.language,
            )
    except IntegrityError:  # the same address registering twice at once: the other request created the guest
        return Guest.objects.select_for_update().get(email__iexact=email)


@transaction.atomic
def register_guest(*, summit, request: RegistrationRequest) -> RegistrationOutcome:
    """Save a registration, give its seats or waiting places, and email the verification link.

    Registration, forum choices and the outbox rows commit together; the emails leave after the commit. An email
    address already registered for this summit gets the link to its registration by email, and the caller shows
    the same page either way, so nothing is revealed to whoever typed the address.
    """
    forum_ids = _check_forums(summit, request.forum_ids)
    guest = _guest_for(request)
    existing = guest.registrations.filter(summit=summit, status__in=ACTIVE_STATUSES).select_related("summit").first()
    if existing is not None:
        hour = timezone.now().strftime("%Y%m%d%H")  # at most one reminder of the link per hour
        queue_guest_email(registration=existing, kind="existing", version=hour)
        return RegistrationOutcome(registration=existing, created=False)
    if not guest.registrations.filter(status__in=ACTIVE_STATUSES).exists():
        # A returning guest with no live registration brings their details up to date.
        for field in ("full_name", "native_name", "title", "organization_name", "category", "country", "phone",
                      "language"):
            setattr(guest, field, getattr(request, field))
        guest.save()
    registration = Registration.objects.create(
        guest=guest, summit=summit, participation=request.participation, needs=request.needs,
        consented_at=timezone.now(),
    )
    _allocate(registration, forum_ids)
    queue_guest_email(registration=registration, kind="verification")
    return RegistrationOutcome(registration=registration, created=True)


@transaction.atomic
def verify_registration(*, registration: Registration) -> bool:
    """The guest opened the link in the verification email: their address is real."""
    registration = Registration.objects.select_for_update().select_related("guest", "summit").get(pk=registration.pk)
    if registration.status != RegistrationStatus.SUBMITTED:
        return False
    registration.status, registration.verified_at = RegistrationStatus.VERIFIED, timezone.now()
    registration.save(update_fields=["status", "verified_at", "updated_at"])
    queue_guest_email(registration=registration, kind="received")
    return True


def _locked(registrations, statuses):
    ids = list(registrations.values_list("pk", flat=True))
    return (
        Registration.objects.select_for_update(of=("self",))
        .filter(pk__in=ids, status__in=statuses)
        .select_related("guest", "summit")
        .order_by("pk")
    )


@transaction.atomic
def approve_registrations(*, registrations, actor) -> int:
    """Accredit registrations whose email is verified (or still unverified, at the organizers' word)."""
    count = 0
    for registration in _locked(registrations, (RegistrationStatus.SUBMITTED, RegistrationStatus.VERIFIED)):
        registration.status, registration.decided_at = RegistrationStatus.APPROVED, timezone.now()
        registration.save(update_fields=["status", "decided_at", "updated_at"])
        queue_guest_email(registration=registration, kind="approved")
        record_audit(actor=actor, action=AuditAction.ACTION, obj=registration, note="approved", personal=True)
        count += 1
    return count


@transaction.atomic
def reject_registrations(*, registrations, actor) -> int:
    """Refuse accreditation; the seats they held go to the waiting lists."""
    count, freed = 0, set()
    for registration in _locked(registrations, (RegistrationStatus.SUBMITTED, RegistrationStatus.VERIFIED,
                                                RegistrationStatus.APPROVED)):
        registration.status, registration.decided_at = RegistrationStatus.REJECTED, timezone.now()
        registration.save(update_fields=["status", "decided_at", "updated_at"])
        freed.update(_forum_ids(registration))
        queue_guest_email(registration=registration, kind="rejected")
        record_audit(actor=actor, action=AuditAction.ACTION, obj=registration, note="rejected", personal=True)
        count += 1
    promote_waitlisted(forum_ids=freed)
    return count


@transaction.atomic
def cancel_registration(*, registration: Registration) -> bool:
    """The guest cancels; their seats go to the next guests waiting."""
    registration = Registration.objects.select_for_update().select_related("guest", "summit").get(pk=registration.pk)
    if registration.status in CLOSED_REGISTRATION_STATUSES:
        return False
    registration.status, registration.cancelled_at = RegistrationStatus.CANCELLED, timezone.now()
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    queue_guest_email(registration=registration, kind="cancelled")
    promote_waitlisted(forum_ids=_forum_ids(registration))
    return True


@transaction.atomic
def change_forums(*, registration: Registration, forum_ids: Iterable[int]) -> None:
    """Replace the guest's forums: dropped ones free their seat, new ones are seated or waitlisted."""
    registration = Registration.objects.select_for_update().select_related("guest", "summit").get(pk=registration.pk)
    if registration.status in CLOSED_REGISTRATION_STATUSES:
        raise RegistrationError(_("This registration is closed; register again to choose forums."))
    wanted = set(_check_forums(registration.summit, forum_ids))
    current = set(_forum_ids(registration))
    dropped = current - wanted
    registration.forum_choices.filter(forum_id__in=dropped).delete()
    _allocate(registration, wanted - current)
    promote_waitlisted(forum_ids=dropped)


@transaction.atomic
def check_in(*, token: str) -> CheckIn:
    """Check a guest in from the badge's QR code; a second scan says when they were checked in."""
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("guest", "summit")
        .filter(badge_token=token.strip())
        .first()
    )
    if registration is None:
        return CheckIn(registration=None, error=_("Unknown badge."))
    if registration.status == RegistrationStatus.CHECKED_IN:
        return CheckIn(registration=registration, already_at=registration.checked_in_at)
    if registration.status != RegistrationStatus.APPROVED:
        return CheckIn(registration=registration, error=_("This guest is not accredited (%(status)s).")
                       % {"status": registration.get_status_display()})
    registration.status, registration.checked_in_at = RegistrationStatus.CHECKED_IN, timezone.now()
    registration.save(update_fields=["status", "checked_in_at", "updated_at"])
    return CheckIn(registration=registration, checked_in_now=True)


def notify_forum_change(*, forum_id: int) -> int:
    """Tell every guest of a forum (seated or waiting) that its time or room changed; once per new slot."""
    forum = Forum.objects.select_related("room").filter(pk=forum_id).first()
    if forum is None:
        return 0
    version = f"{forum.pk}-{forum.start:%Y%m%d%H%M}-{forum.end:%Y%m%d%H%M}-{forum.room_id}"
    registrations = (
        Registration.objects.filter(forum_choices__forum=forum)
        .exclude(status__in=CLOSED_REGISTRATION_STATUSES)
        .select_related("guest", "summit")
    )
    return _queue_each(registrations, kind="forum_changed", version=version, extra={"forum": forum})


def send_reminders(*, summit_id: int) -> int:
    """Remind accredited on-site guests a few days before the summit (once per registration)."""
    registrations = Registration.objects.filter(
        summit_id=summit_id, status=RegistrationStatus.APPROVED, participation=Participation.OFFLINE
    ).select_related("guest", "summit")
    return _queue_each(registrations, kind="reminder")


def _queue_each(registrations, *, kind: str, version: str = "1", extra: dict | None = None) -> int:
    """Queue the ``kind`` email for each registration, each in its own transaction; returns how many."""
    count = 0
    for registration in registrations:
        with transaction.atomic():
            queue_guest_email(registration=registration, kind=kind, version=version, extra=extra)
        count += 1
    return count


def summits_due_for_reminders(*, today: datetime.date) -> list[int]:
    from summits.models import Summit

    last_day = today + datetime.timedelta(days=settings.REMINDER_DAYS_BEFORE)
    return list(Summit.objects.filter(start_date__gt=today, start_date__lte=last_day).values_list("pk", flat=True))


def schedule_forum_change_notice(*, forum_id: int) -> None:
    """After the organizers' change commits, email the forum's guests from a task (the broker may be down:
    then nothing is lost but the notice, which the organizers can trigger again by saving)."""
    from .tasks import notify_forum_change as notify_task

    def enqueue():
        try:
            notify_task.delay(forum_id=forum_id)
        except Exception:  # noqa: BLE001 - a broker outage must not break the organizer's save
            logger.warning("Broker unavailable; forum %s change notice not queued", forum_id)

    transaction.on_commit(enqueue)
