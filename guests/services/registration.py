"""The registration life cycle: submitted -> email verified -> approved or rejected -> checked in, cancelled by
the guest at any time. The seats each registration holds are given in ``seats``.

Every flow locks rows in one order, so that two flows never wait on each other: the guest, then the registrations
(by id), then the forums whose seats change (by id, ``seats.lock_forums``), and only then the forum choices. A
choice is written only by whoever holds its forum's lock, so locks on choices never close a circle. Each flow's
transaction is re-run if the database still aborts it for a deadlock (``core.transactions``)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.enums import AuditAction
from core.refusals import Refused
from core.services.audit import record_audit
from core.transactions import atomic_with_retry
from summits.enums import RegistrationMode, RegistrationState

from ..emails import queue_guest_email
from ..enums import CLOSED_REGISTRATION_STATUSES, RegistrationStatus
from ..models import ForumChoice, Guest, Invitation, Registration
from .seats import allocate_seats, lock_forums, open_forums, promote_waitlisted, registrable_forums, release_seats

ACTIVE_STATUSES = (
    RegistrationStatus.SUBMITTED, RegistrationStatus.VERIFIED, RegistrationStatus.APPROVED,
    RegistrationStatus.CHECKED_IN,
)


class RegistrationError(Refused):
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


def _forum_ids(registration: Registration) -> list[int]:
    return list(registration.forum_choices.values_list("forum_id", flat=True))


def _forum_ids_of(registrations: Iterable[Registration]) -> list[int]:
    """The forums the registrations hold choices in; read once the registrations are locked, so it cannot change."""
    return list(ForumChoice.objects.filter(registration__in=list(registrations)).values_list("forum_id", flat=True))


def _check_forums(summit, forum_ids: Iterable[int], *, also: Iterable[int] = (), any_mode: bool = False) -> list[int]:
    """The forums chosen, if the guest may choose them: those open to all, and ``also`` (forums by invitation only
    reserved for or already held by this guest); ``any_mode`` for guests the organizers chose, who may hold seats in
    any forum open to registration."""
    forum_ids = sorted(set(forum_ids))
    candidates = registrable_forums(summit) if any_mode else (
        open_forums(summit) | registrable_forums(summit).filter(pk__in=list(also)))
    allowed = set(candidates.filter(pk__in=forum_ids).values_list("pk", flat=True))
    if len(allowed) != len(forum_ids):
        raise RegistrationError(_("Some of the chosen forums are not open to registration."), code="forum_not_open",
                                field="forums")
    return forum_ids


def invited_forum_ids(registration: Registration) -> set[int]:
    """The forums reserved for the guest by the invitation they accepted: theirs to keep or take again, even those
    by invitation only."""
    return set(Invitation.reserved_forums.through.objects.filter(invitation__registration=registration)
               .values_list("forum_id", flat=True))


def _check_registration_open(summit) -> None:
    """Registration is taken only within the edition's window (``Summit.registration_is_open``), whoever asks."""
    if summit.registration_is_open:
        return
    state = summit.registration_state
    if state != RegistrationState.ENDED and summit.registration_mode == RegistrationMode.INVITATION_ONLY:
        raise RegistrationError(_("The %(summit)s is by invitation only: guests register through the personal link "
                                  "in their invitation."), code="invitation_only", params={"summit": summit.name})
    if state != RegistrationState.ENDED and summit.registration_mode == RegistrationMode.CLOSED:
        raise RegistrationError(_("The organizers have closed registration for the %(summit)s."),
                                code="registration_closed", params={"summit": summit.name})
    if state == RegistrationState.NOT_YET_OPEN:
        raise RegistrationError(_("Registration for the %(summit)s opens on %(date)s."), code="registration_not_open",
                                params={"summit": summit.name, "date": date_format(summit.registration_opens)})
    if state == RegistrationState.ENDED:
        raise RegistrationError(_("The %(summit)s ended on %(date)s; its registration is closed."),
                                code="summit_ended",
                                params={"summit": summit.name, "date": date_format(summit.end_date)})
    raise RegistrationError(_("Registration for the %(summit)s is closed."), code="registration_closed",
                            params={"summit": summit.name})


def _check_not_ended(summit, message: str) -> None:
    """Nothing about an edition that has ended is decided or sent any more: its registrations are its record."""
    if summit.has_ended:
        raise RegistrationError(message, code="summit_ended",
                                params={"summit": summit.name, "date": date_format(summit.end_date)})


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


# What a returning guest's new registration may change on their record, once its address is confirmed.
GUEST_DETAIL_FIELDS = ("full_name", "native_name", "title", "organization_name", "category", "country", "phone",
                       "language")


@atomic_with_retry
def register_guest(*, summit, request: RegistrationRequest) -> RegistrationOutcome:
    """Save a registration, give its seats or waiting places, and email the verification link.

    Registration, forum choices and the outbox rows commit together; the emails leave after the commit. An email
    address already registered for this summit gets the link to its registration by email, and the caller shows
    the same page either way, so nothing is revealed to whoever typed the address.

    Refused outside the edition's registration window (codes ``registration_not_open``, ``registration_closed``,
    ``summit_ended``): nothing is written and nothing is sent.
    """
    _check_registration_open(summit)
    forum_ids = _check_forums(summit, request.forum_ids)
    guest = _guest_for(request)
    existing = guest.registrations.filter(summit=summit, status__in=ACTIVE_STATUSES).select_related("summit").first()
    if existing is not None:
        hour = timezone.now().strftime("%Y%m%d%H")  # at most one reminder of the link per hour
        queue_guest_email(registration=existing, kind="existing", version=hour)
        return RegistrationOutcome(registration=existing, created=False)
    # A returning guest (no live registration) brings their details up to date, but only once the address is
    # confirmed: whoever types someone else's address must not rewrite that person's name or organisation.
    submitted = {}
    if guest.registrations.exists() and not guest.registrations.filter(status__in=ACTIVE_STATUSES).exists():
        submitted = {field: str(getattr(request, field)) for field in GUEST_DETAIL_FIELDS
                     if str(getattr(request, field)) != str(getattr(guest, field))}
    registration = Registration.objects.create(
        guest=guest, summit=summit, participation=request.participation, needs=request.needs,
        consented_at=timezone.now(), submitted_details=submitted,
    )
    allocate_seats(registration, forum_ids)
    queue_guest_email(registration=registration, kind="verification")
    return RegistrationOutcome(registration=registration, created=True)


def _lock_registration(registration: Registration) -> Registration:
    """The registration read again with its guest and edition, locking its own row only: locking the edition's row
    too (a plain FOR UPDATE over the join) made every verification, cancellation and change of forums of a summit
    queue behind each other and deadlock with registrations."""
    return (Registration.objects.select_for_update(of=("self",)).select_related("guest", "summit")
            .get(pk=registration.pk))


@atomic_with_retry
def verify_registration(*, registration: Registration) -> bool:
    """The guest opened the link in the verification email: their address is real."""
    if registration.submitted_details:
        # Set when the registration is made and emptied by this verification: the guest's row is written below,
        # so it is locked first, as every flow locks a guest before their registrations.
        Guest.objects.select_for_update(no_key=True).filter(pk=registration.guest_id).exists()
    registration = _lock_registration(registration)
    if registration.status != RegistrationStatus.SUBMITTED:
        return False
    registration.status, registration.verified_at = RegistrationStatus.VERIFIED, timezone.now()
    if registration.submitted_details:  # a returning guest's new details, theirs now the address is confirmed
        guest = registration.guest
        for field, value in registration.submitted_details.items():
            if field in GUEST_DETAIL_FIELDS:
                setattr(guest, field, value)
        guest.save()
        registration.submitted_details = {}
    registration.save(update_fields=["status", "verified_at", "submitted_details", "updated_at"])
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


def _check_editions_running(registrations, message: str) -> None:
    for summit in {registration.summit for registration in registrations}:
        _check_not_ended(summit, message)


@atomic_with_retry
def approve_registrations(*, registrations, actor, notify: bool = True) -> int:
    """Accredit registrations whose email is verified (or still unverified, at the organizers' word). With
    ``notify=False`` guests' "accredited" email is not sent: the caller (e.g. the press office) sends its own.

    Refused (code ``summit_ended``), with nothing changed or sent, when one of them is of an edition that has ended.
    """
    count = 0
    locked = list(_locked(registrations, (RegistrationStatus.SUBMITTED, RegistrationStatus.VERIFIED)))
    _check_editions_running(locked, _("The %(summit)s ended on %(date)s: its registrations can no longer be "
                                      "approved, and its guests are not emailed."))
    for registration in locked:
        registration.status, registration.decided_at = RegistrationStatus.APPROVED, timezone.now()
        registration.save(update_fields=["status", "decided_at", "updated_at"])
        if notify:
            queue_guest_email(registration=registration, kind="approved")
        record_audit(actor=actor, action=AuditAction.ACTION, obj=registration, note="approved", personal=True)
        count += 1
    return count


@atomic_with_retry
def reject_registrations(*, registrations, actor, notify: bool = True) -> int:
    """Refuse accreditation; the seats they held go to the waiting lists. With ``notify=False`` guests' email is not
    sent: the caller sends its own.

    Refused (code ``summit_ended``), with nothing changed or sent, when one of them is of an edition that has ended.
    """
    count, freed = 0, set()
    locked = list(_locked(registrations, (RegistrationStatus.SUBMITTED, RegistrationStatus.VERIFIED,
                                          RegistrationStatus.APPROVED)))
    _check_editions_running(locked, _("The %(summit)s ended on %(date)s: its registrations can no longer be "
                                      "rejected, and its guests are not emailed."))
    lock_forums(_forum_ids_of(locked))
    for registration in locked:
        registration.status, registration.decided_at = RegistrationStatus.REJECTED, timezone.now()
        registration.save(update_fields=["status", "decided_at", "updated_at"])
        freed.update(release_seats(registration))
        if notify:
            queue_guest_email(registration=registration, kind="rejected")
        record_audit(actor=actor, action=AuditAction.ACTION, obj=registration, note="rejected", personal=True)
        count += 1
    promote_waitlisted(forum_ids=freed)
    return count


@atomic_with_retry
def cancel_registration(*, registration: Registration) -> bool:
    """The guest cancels; their seats go to the next guests waiting. Nothing to cancel once the edition has ended
    (no email, and no seat given to a guest waiting for a forum that is over)."""
    registration = _lock_registration(registration)
    if registration.status in CLOSED_REGISTRATION_STATUSES or registration.summit.has_ended:
        return False
    # Before its own choices are written: a guest cancelling while they wait for a forum is seated by whoever
    # holds that forum, who must not find the choice locked by a cancellation queueing for the forum.
    lock_forums(_forum_ids(registration))
    registration.status, registration.cancelled_at = RegistrationStatus.CANCELLED, timezone.now()
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    queue_guest_email(registration=registration, kind="cancelled")
    promote_waitlisted(forum_ids=release_seats(registration))
    return True


@atomic_with_retry
def change_forums(*, registration: Registration, forum_ids: Iterable[int]) -> None:
    """Replace the guest's forums: dropped ones free their seat, new ones are seated or waitlisted."""
    registration = _lock_registration(registration)
    if registration.status in CLOSED_REGISTRATION_STATUSES:
        raise RegistrationError(_("This registration is closed; register again to choose forums."), code="closed",
                                field="forums")
    if registration.summit.has_ended:
        raise RegistrationError(_("The %(summit)s ended on %(date)s; its forums can no longer be changed."),
                                code="summit_ended", field="forums", params={
                                    "summit": registration.summit.name,
                                    "date": date_format(registration.summit.end_date)})
    current = set(_forum_ids(registration))
    wanted = set(_check_forums(registration.summit, forum_ids, also=current | invited_forum_ids(registration)))
    dropped = current - wanted
    lock_forums(dropped | (wanted - current))  # every forum whose seats change, before any choice is written
    registration.forum_choices.filter(forum_id__in=dropped).delete()
    allocate_seats(registration, wanted - current)
    promote_waitlisted(forum_ids=dropped)


@atomic_with_retry
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
    if registration.summit.has_ended:
        return CheckIn(registration=registration, error=_("The %(summit)s ended on %(date)s; check-in is closed.")
                       % {"summit": registration.summit.name, "date": date_format(registration.summit.end_date)})
    if registration.status != RegistrationStatus.APPROVED:
        return CheckIn(registration=registration, error=_("This guest is not accredited (%(status)s).")
                       % {"status": registration.get_status_display()})
    registration.status, registration.checked_in_at = RegistrationStatus.CHECKED_IN, timezone.now()
    registration.save(update_fields=["status", "checked_in_at", "updated_at"])
    return CheckIn(registration=registration, checked_in_now=True)


