"""Registrations that do not come through the open form: a personal invitation, a delegation's focal point, the
press accreditation. The apps that run those flows (guests' invitations, delegations, press) call ``admit_guest``;
the public form's window and its invitation-only rules do not apply to them, since organizers chose these guests
(or, for the press, the press office reviews them). An edition that has ended admits nobody."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from core.transactions import atomic_with_retry
from summits.enums import RegistrationMode

from ..emails import queue_guest_email
from ..enums import ProtocolLevel, RegistrationSource, RegistrationStatus
from ..models import Registration
from .registration import (
    ACTIVE_STATUSES,
    GUEST_DETAIL_FIELDS,
    RegistrationError,
    RegistrationOutcome,
    RegistrationRequest,
    _check_forums,
    _check_not_ended,
    _guest_for,
)
from .seats import allocate_seats


@dataclass(frozen=True)
class Admission:
    """How the registration is made: where it came from, the protocol level, and whether the address is proven
    (the guest opened a personal link emailed to it) or still to be verified by the usual email."""

    source: str = RegistrationSource.INVITATION
    protocol_level: str = ProtocolLevel.GUEST
    address_proven: bool = True
    # Forums whose seat was held for this guest (an invitation accepted in the same transaction): seated even when
    # the count says full, since the hold counted among the seats taken until now.
    reserved_forum_ids: tuple[int, ...] = ()


@atomic_with_retry
def admit_guest(*, summit, request: RegistrationRequest, admission: Admission) -> RegistrationOutcome:
    """Register a guest chosen by the organizers (or applying for press accreditation), whatever the public form's
    window: seats are given in ``request.forum_ids`` (any forum open to registration, by invitation only included:
    the organizers chose the guest) and ``admission.reserved_forum_ids`` (seated whatever the count).

    A guest who already holds a live registration for the edition keeps it (``created`` is False, nothing written):
    the caller says what that means in its flow. With a proven address the registration is verified at once and the
    guest's record takes the details given; otherwise the verification email is sent, as for the form.

    Refused (code ``summit_ended``) for an edition that has ended, and (code ``registration_closed``) while the
    organizers have closed its registration: nobody registers then, invitees, delegations and the press included.
    Nothing is written and nothing is sent.
    """
    _check_not_ended(summit, _("The %(summit)s ended on %(date)s; nobody can register for it any more."))
    if summit.registration_mode == RegistrationMode.CLOSED:
        raise RegistrationError(_("The organizers have closed registration for the %(summit)s."),
                                code="registration_closed", params={"summit": summit.name})
    forum_ids = _check_forums(summit, [*request.forum_ids, *admission.reserved_forum_ids], any_mode=True)
    guest = _guest_for(request)
    existing = guest.registrations.filter(summit=summit, status__in=ACTIVE_STATUSES).first()
    if existing is not None:
        return RegistrationOutcome(registration=existing, created=False)
    submitted = {}
    changed = {field: str(getattr(request, field)) for field in GUEST_DETAIL_FIELDS
               if str(getattr(request, field)) != str(getattr(guest, field))}
    if admission.address_proven:
        for field, value in changed.items():
            setattr(guest, field, value)
        if changed:
            guest.save()
    elif guest.registrations.exists():
        submitted = changed  # applied once the address is confirmed, as for the form
    now = timezone.now()
    registration = Registration.objects.create(
        guest=guest, summit=summit, participation=request.participation, needs=request.needs,
        consented_at=now, submitted_details=submitted, source=admission.source,
        protocol_level=admission.protocol_level,
        status=RegistrationStatus.VERIFIED if admission.address_proven else RegistrationStatus.SUBMITTED,
        verified_at=now if admission.address_proven else None,
    )
    allocate_seats(registration, forum_ids, reserved=admission.reserved_forum_ids)
    queue_guest_email(registration=registration, kind="received" if admission.address_proven else "verification")
    return RegistrationOutcome(registration=registration, created=True)
