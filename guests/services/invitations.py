"""Personal invitations: organizers invite a guest with the forums reserved for them; the invitee accepts (and is
registered, ``admit_guest``) or declines through their signed link; reminders go to those who have not answered.

A pending invitation holds a seat in each reserved forum until its ``hold_until`` (counted in ``seats``). Every flow
that ends a hold (declined, revoked, expired) locks the invitation, then its forums, and seats the guests waiting;
accepting locks the invitation, then the guest and the forums (``admit_guest``). Registration flows never lock an
invitation, so the orders never cross.
"""

import datetime
from collections.abc import Iterable
from dataclasses import replace

from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from core.enums import AuditAction
from core.services.audit import record_audit
from core.transactions import atomic_with_retry

from ..emails import queue_invitation_email
from ..enums import LIVE_INVITATION_STATUSES, InvitationStatus, RegistrationSource, SeatStatus
from ..models import Invitation, Registration
from .admission import Admission, admit_guest
from .registration import RegistrationError, RegistrationRequest, _check_forums, _lock_registration
from .seats import allocate_seats, lock_forums, promote_waitlisted, seat_waiting_guests_on_commit


class InvitationError(RegistrationError):
    """A refusal about an invitation, shown to the invitee or the organizer as it is."""


def _reserved_ids(invitation: Invitation) -> list[int]:
    return sorted(invitation.reserved_forums.values_list("pk", flat=True))


def _locked(invitation_ids: Iterable[int], statuses=None):
    rows = Invitation.objects.select_for_update(of=("self",)).select_related("summit").filter(
        pk__in=list(invitation_ids)).order_by("pk")
    if statuses is not None:
        rows = rows.filter(status__in=statuses)
    return list(rows)


def _ids(invitations) -> list[int]:
    if hasattr(invitations, "values_list"):
        return list(invitations.values_list("pk", flat=True))
    return [invitation.pk for invitation in invitations]


def lock_reserved_forums(forum_ids: Iterable[int]) -> None:
    """Before an invitation's holds are written (organizers adding or changing reserved forums): the forums' locks,
    as a registration takes them, so a hold and a registration never take the last seat at once."""
    lock_forums(forum_ids)


@atomic_with_retry
def send_invitations(*, invitations, actor) -> int:
    """Email each pending invitation whose link still works; one sent before is sent again with a new link (the
    version goes up, so the earlier links stop working). Returns how many were sent; they commit together."""
    count, now = 0, timezone.now()
    for invitation in _locked(_ids(invitations), [InvitationStatus.PENDING]):
        if not invitation.is_open:
            continue
        if invitation.sent_at is not None:
            invitation.link_version += 1
        invitation.sent_at = now
        invitation.save(update_fields=["link_version", "sent_at", "updated_at"])
        queue_invitation_email(invitation=invitation, kind="invitation", version=str(invitation.link_version))
        record_audit(actor=actor, action=AuditAction.ACTION, obj=invitation, personal=True,
                     note="invitation sent" if invitation.link_version == 1 else "invitation sent again")
        count += 1
    return count


def _remind(invitation: Invitation, now: datetime.datetime) -> None:
    invitation.reminder_count += 1
    invitation.reminded_at = now
    invitation.save(update_fields=["reminder_count", "reminded_at", "updated_at"])
    queue_invitation_email(invitation=invitation, kind="invitation_reminder",
                           version=f"{invitation.link_version}-{invitation.reminder_count}")


@atomic_with_retry
def remind_invitations(*, invitations, actor) -> int:
    """The organizers' reminder: each pending invitation sent and still open is reminded now (the link in it is
    the one sent, still valid). Returns how many."""
    count, now = 0, timezone.now()
    for invitation in _locked(_ids(invitations), [InvitationStatus.PENDING]):
        if invitation.sent_at is None or not invitation.is_open:
            continue
        _remind(invitation, now)
        record_audit(actor=actor, action=AuditAction.ACTION, obj=invitation, note="reminded", personal=True)
        count += 1
    return count


def invitations_due_for_reminder(*, now: datetime.datetime | None = None) -> list[int]:
    """Pending invitations not answered INVITATION_REMINDER_DAYS after they were sent (or last reminded), with
    fewer than INVITATION_MAX_REMINDERS reminders and a link still valid."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.INVITATION_REMINDER_DAYS)
    rows = Invitation.objects.filter(
        status=InvitationStatus.PENDING, sent_at__lte=cutoff, hold_until__gt=now,
        reminder_count__lt=settings.INVITATION_MAX_REMINDERS,
    ).filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=cutoff)).select_related("summit").order_by("pk")
    return [invitation.pk for invitation in rows if invitation.is_open]


@atomic_with_retry
def send_due_reminder(*, invitation_id: int) -> bool:
    """Remind one invitee if still due (the row is read again under its lock): a second run, or a second worker
    running the same job, finds it reminded and sends nothing."""
    now = timezone.now()
    invitation = next(iter(_locked([invitation_id], [InvitationStatus.PENDING])), None)
    if invitation is None or invitation.pk not in invitations_due_for_reminder(now=now):
        return False
    _remind(invitation, now)
    return True


def _end_holds(invitation: Invitation) -> None:
    """The seats held for the invitation go to the guests waiting (its forums locked after the invitation)."""
    promote_waitlisted(forum_ids=_reserved_ids(invitation))


@atomic_with_retry
def revoke_invitations(*, invitations, actor) -> int:
    """Withdraw pending invitations: their links stop working (the version goes up) and their held seats go to the
    guests waiting. An accepted invitation is a registration now: it is cancelled or rejected as such."""
    count, now = 0, timezone.now()
    for invitation in _locked(_ids(invitations), [InvitationStatus.PENDING]):
        invitation.status, invitation.answered_at = InvitationStatus.REVOKED, None
        invitation.link_version += 1
        invitation.holds_released_at = now
        invitation.save(update_fields=["status", "answered_at", "link_version", "holds_released_at", "updated_at"])
        _end_holds(invitation)
        record_audit(actor=actor, action=AuditAction.ACTION, obj=invitation, note="revoked", personal=True)
        count += 1
    return count


@atomic_with_retry
def decline_invitation(*, invitation: Invitation) -> bool:
    """The invitee declines: the seats held for them go to the guests waiting. False if no longer pending."""
    locked = next(iter(_locked([invitation.pk], [InvitationStatus.PENDING])), None)
    if locked is None or not locked.is_open:
        return False
    now = timezone.now()
    locked.status, locked.answered_at, locked.holds_released_at = InvitationStatus.DECLINED, now, now
    locked.save(update_fields=["status", "answered_at", "holds_released_at", "updated_at"])
    _end_holds(locked)
    return True


@atomic_with_retry
def accept_invitation(*, invitation: Invitation, answer: RegistrationRequest) -> Registration:
    """The invitee accepts with ``answer`` (what they confirmed on their page; the address is always the
    invitation's): they are registered (``admit_guest``, source invitation, address proven by the link),
    seated in every reserved forum (the hold becomes their seat, never a waiting place) and in the open forums they
    chose (or waitlisted there, as anyone). All of it commits together with the invitation's answer.

    Refused (code ``invitation_closed``) when the invitation is no longer waiting for an answer or its deadline has
    passed; (``forum_not_open``) for a forum by invitation only not reserved for them.
    """
    locked = next(iter(_locked([invitation.pk], [InvitationStatus.PENDING])), None)
    if locked is None or not locked.is_open:
        raise InvitationError(_("This invitation can no longer be answered."), code="invitation_closed")
    summit = locked.summit
    reserved = _reserved_ids(locked)
    chosen = _check_forums(summit, answer.forum_ids, also=reserved)
    request = replace(answer, email=locked.email, forum_ids=tuple(sorted(set(chosen) | set(reserved))))
    admission = Admission(source=RegistrationSource.INVITATION, protocol_level=locked.protocol_level,
                          address_proven=True, reserved_forum_ids=tuple(reserved))
    outcome = admit_guest(summit=summit, request=request, admission=admission)
    registration = outcome.registration
    if not outcome.created:
        _seat_existing(registration, wanted=set(request.forum_ids), reserved=set(reserved))
    now = timezone.now()
    locked.status, locked.answered_at, locked.registration = InvitationStatus.ACCEPTED, now, registration
    locked.save(update_fields=["status", "answered_at", "registration", "updated_at"])
    return registration


def _seat_existing(registration: Registration, *, wanted: set[int], reserved: set[int]) -> None:
    """An invitee already registered (through the form, say) keeps their registration and gains the forums of the
    invitation: a reserved forum they were waiting for seats them at once."""
    registration = _lock_registration(registration)
    current = dict(registration.forum_choices.values_list("forum_id", "seat_status"))
    lock_forums(wanted | set(current))
    registration.forum_choices.filter(forum_id__in=reserved).exclude(seat_status=SeatStatus.SEATED).update(
        seat_status=SeatStatus.SEATED, waitlisted_at=None, updated_at=timezone.now())
    allocate_seats(registration, wanted - set(current), reserved=reserved)
    Registration.objects.filter(pk=registration.pk).update(source=RegistrationSource.INVITATION)


def invitations_with_expired_holds(*, now: datetime.datetime | None = None) -> list[int]:
    now = now or timezone.now()
    return list(
        Invitation.objects.filter(status=InvitationStatus.PENDING, hold_until__lte=now, holds_released_at__isnull=True)
        .order_by("pk").values_list("pk", flat=True)
    )


@atomic_with_retry
def release_expired_hold(*, invitation_id: int) -> bool:
    """The hold deadline has passed without an answer: the held seats (no longer counted) go to the guests waiting,
    once."""
    now = timezone.now()
    invitation = next(iter(_locked([invitation_id], [InvitationStatus.PENDING])), None)
    if invitation is None or invitation.holds_released_at is not None or invitation.hold_until > now:
        return False
    invitation.holds_released_at = now
    invitation.save(update_fields=["holds_released_at", "updated_at"])
    _end_holds(invitation)
    return True


def release_expired_holds() -> int:
    """Every expired hold not yet given back, each in its own transaction (beat, every few minutes)."""
    return sum(release_expired_hold(invitation_id=pk) for pk in invitations_with_expired_holds())


def promote_after_hold_change(*, forum_ids: Iterable[int]) -> None:
    """Organizers changed an invitation's reserved forums or deadline: seats it no longer holds go to the guests
    waiting, after the save commits."""
    for forum_id in sorted(set(forum_ids)):
        seat_waiting_guests_on_commit(forum_id=forum_id)


@atomic_with_retry
def import_invitations(*, summit, rows: list[dict], actor, send: bool) -> list[Invitation]:
    """Create the invitations of a checked file (``guests.invitation_import``), all or none: the forums reserved
    are locked first (as a registration locks them), and the invitations are emailed if ``send``.

    Refused (code ``duplicate``), nothing saved, when an address got a live invitation since the preview.
    """
    lock_forums({forum_id for row in rows for forum_id in row["reserved_forum_ids"]})
    emails = [row["email"] for row in rows]
    taken = sorted(Invitation.objects.filter(summit=summit, status__in=LIVE_INVITATION_STATUSES)
                   .annotate(address=Lower("email")).filter(address__in=emails).values_list("address", flat=True))
    if taken:
        raise InvitationError(_("Already invited since the preview: %(emails)s. Nothing was imported."),
                              code="duplicate", params={"emails": ", ".join(taken)})
    created = []
    for row in rows:
        invitation = Invitation.objects.create(
            summit=summit, invited_by=actor, **{key: value for key, value in row.items()
                                                if key != "reserved_forum_ids"})
        invitation.reserved_forums.set(row["reserved_forum_ids"])
        record_audit(actor=actor, action=AuditAction.CREATED, obj=invitation, note="imported", personal=True)
        created.append(invitation)
    if send:
        send_invitations(invitations=created, actor=actor)
    return created
