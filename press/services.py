"""The press accreditation's rules: a journalist applies (a guest registration of source "press" and the
accreditation, together), the press office accredits, rejects or records a withdrawal, and each decision goes
through guests' own services (seats, badge; their emails are not sent) before the press's own email and audit
line.

Locks follow guests' order (the guest, then registrations, then forums): guests' service runs first and locks the
registrations; the accreditations are locked after them, by id.
"""

from dataclasses import dataclass

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.emails import queue_templated_email
from core.enums import AuditAction
from core.services.audit import record_audit
from core.transactions import atomic_with_retry
from guests import links as guest_links
from guests import services as guest_services
from guests.emails import greeting_name
from guests.enums import RegistrationSource, RegistrationStatus
from guests.models import Registration

from . import selectors
from .enums import AccreditationStatus
from .models import PressAccreditation

EMAIL_SUBJECTS = {
    "accredited": _("Your press accreditation for the %(summit)s"),
    "rejected": _("Your press accreditation for the %(summit)s"),
    "already_registered": _("Your press accreditation for the %(summit)s"),
}
# A registration in one of these holds a badge: the press office's accreditation stands on it.
ACCREDITED_REGISTRATION_STATUSES = (RegistrationStatus.APPROVED, RegistrationStatus.CHECKED_IN)
PressError = guest_services.RegistrationError


@dataclass(frozen=True)
class PressApplication:
    """What a journalist tells the press office besides their guest details."""

    media_outlet: str
    outlet_country: str
    role: str
    press_card_number: str
    press_card_authority: str
    letter_of_assignment: File | None = None
    outlet_website: str = ""
    equipment: str = ""


@dataclass(frozen=True)
class ApplicationOutcome:
    accreditation: PressAccreditation | None
    created: bool


def _queue_email(accreditation: PressAccreditation, kind: str) -> None:
    registration = accreditation.registration
    guest, summit = registration.guest, registration.summit
    context = {
        "accreditation": accreditation,
        "greeting_name": greeting_name(guest),
        "summit": summit,
        "registration": registration,  # guests' signature words its link for a journalist
        "manage_url": guest_links.manage_url(registration),
        "press_conferences": list(selectors.press_conferences(summit)) if kind == "accredited" else [],
    }
    queue_templated_email(
        key=f"press:{accreditation.pk}:{kind}:1", to=guest.email, language=guest.language,
        subject=EMAIL_SUBJECTS[kind], text_template=f"press/email/{kind}.txt", context=context,
        about=registration,  # erased with the guest's other emails (guests.services.privacy)
    )


@atomic_with_retry
def apply_for_accreditation(*, summit, request: guest_services.RegistrationRequest,
                            application: PressApplication) -> ApplicationOutcome:
    """Register the journalist as a guest (source press, unverified: the usual verification email is sent) and
    record their application; both commit together.

    An address that already holds a live registration for the edition gets no second one: if it is not a press
    registration, an email tells its owner how to be accredited instead (the page says the same either way, so it
    reveals nothing). Refused (code ``summit_ended``) once the edition has ended.
    """
    outcome = guest_services.admit_guest(
        summit=summit, request=request,
        admission=guest_services.Admission(source=RegistrationSource.PRESS, address_proven=False),
    )
    registration = outcome.registration
    if not outcome.created:
        existing = PressAccreditation.objects.filter(registration=registration).first()
        if existing is None:
            _queue_already_registered(registration)
        return ApplicationOutcome(accreditation=existing, created=False)
    accreditation = PressAccreditation(
        registration=registration, media_outlet=application.media_outlet, outlet_country=application.outlet_country,
        outlet_website=application.outlet_website, role=application.role,
        press_card_number=application.press_card_number, press_card_authority=application.press_card_authority,
        equipment=application.equipment,
    )
    if application.letter_of_assignment is not None:
        accreditation.letter_of_assignment.save(application.letter_of_assignment.name,
                                                application.letter_of_assignment, save=False)
    accreditation.save()
    return ApplicationOutcome(accreditation=accreditation, created=True)


def _queue_already_registered(registration: Registration) -> None:
    guest = registration.guest
    queue_templated_email(
        key=f"press:registration:{registration.pk}:already_registered:1", to=guest.email, language=guest.language,
        subject=EMAIL_SUBJECTS["already_registered"], text_template="press/email/already_registered.txt",
        context={"greeting_name": greeting_name(guest), "summit": registration.summit, "registration": registration,
                 "manage_url": guest_links.manage_url(registration)},
        about=registration,
    )


def _locked(ids: list[int], statuses) -> list[PressAccreditation]:
    return list(
        PressAccreditation.objects.select_for_update(of=("self",))
        .select_related("registration__guest", "registration__summit")
        .filter(pk__in=ids, status__in=statuses)
        .order_by("pk")
    )


def _decide(accreditation: PressAccreditation, *, status: str, actor, reason: str = "") -> None:
    accreditation.status, accreditation.decided_at = status, timezone.now()
    accreditation.reviewed_by = actor if getattr(actor, "pk", None) else None
    accreditation.rejection_reason = reason
    accreditation.save(update_fields=["status", "decided_at", "reviewed_by", "rejection_reason", "updated_at"])
    record_audit(actor=actor, action=AuditAction.ACTION, obj=accreditation, note=status, personal=True)


@atomic_with_retry
def accredit(*, accreditations, actor) -> int:
    """Accredit the applications among ``accreditations``: their registrations are approved (badge; not guests'
    email), then each is marked accredited and the journalist emailed the press conferences they may attend.
    Returns how many were accredited; a registration cancelled or rejected meanwhile is skipped.

    Refused (``PressError``, code ``summit_ended``) with nothing changed for an edition that has ended.
    """
    ids = list(accreditations.values_list("pk", flat=True))
    applied = PressAccreditation.objects.filter(pk__in=ids, status=AccreditationStatus.APPLIED)
    guest_services.approve_registrations(
        registrations=Registration.objects.filter(pk__in=applied.values("registration_id")), actor=actor,
        notify=False,  # the journalist gets the press office's email only
    )
    count = 0
    for accreditation in _locked(ids, [AccreditationStatus.APPLIED]):
        if accreditation.registration.status not in ACCREDITED_REGISTRATION_STATUSES:
            continue
        _decide(accreditation, status=AccreditationStatus.ACCREDITED, actor=actor)
        _queue_email(accreditation, "accredited")
        count += 1
    return count


@atomic_with_retry
def reject(*, accreditations, actor, reason: str = "") -> int:
    """Reject applications (or withdraw an accreditation already given): their registrations are rejected
    (seats released; not guests' email), and the journalist is emailed the reason. Returns how many were rejected.

    Refused (``PressError``, code ``summit_ended``) with nothing changed for an edition that has ended.
    """
    ids = list(accreditations.values_list("pk", flat=True))
    open_statuses = [AccreditationStatus.APPLIED, AccreditationStatus.ACCREDITED]
    open_ones = PressAccreditation.objects.filter(pk__in=ids, status__in=open_statuses)
    guest_services.reject_registrations(
        registrations=Registration.objects.filter(pk__in=open_ones.values("registration_id")), actor=actor,
        notify=False,  # the journalist gets the press office's email only
    )
    count = 0
    for accreditation in _locked(ids, open_statuses):
        if accreditation.registration.status != RegistrationStatus.REJECTED:
            continue
        _decide(accreditation, status=AccreditationStatus.REJECTED, actor=actor, reason=reason.strip())
        _queue_email(accreditation, "rejected")
        count += 1
    return count


@atomic_with_retry
def withdraw(*, accreditations, actor) -> int:
    """Record that journalists withdrew (they told the press office): their registrations are cancelled, which
    frees their seats and sends guests' cancellation email. Returns how many were withdrawn."""
    ids = list(accreditations.values_list("pk", flat=True))
    open_statuses = [AccreditationStatus.APPLIED, AccreditationStatus.ACCREDITED]
    count = 0
    for accreditation in _locked(ids, open_statuses):
        registration = accreditation.registration
        if registration.summit.has_ended:
            continue
        guest_services.cancel_registration(registration=registration)
        _decide(accreditation, status=AccreditationStatus.WITHDRAWN, actor=actor)
        count += 1
    return count


def erase_accreditations(*, registration_ids: list[int]) -> None:
    """A guest's erasure (PIPL): their press details are blanked and the letter of assignment deleted from storage
    once the erasure commits; role, outlet country and status stay, counted in the figures without naming anyone."""
    accreditations = list(PressAccreditation.objects.filter(registration_id__in=registration_ids))
    letters = [(accreditation.letter_of_assignment.storage, accreditation.letter_of_assignment.name)
               for accreditation in accreditations if accreditation.letter_of_assignment]
    PressAccreditation.objects.filter(pk__in=[accreditation.pk for accreditation in accreditations]).update(
        media_outlet="", outlet_website="", press_card_number="", press_card_authority="", equipment="",
        rejection_reason="", letter_of_assignment="", updated_at=timezone.now(),
    )

    def delete_letters():
        for storage, name in letters:
            storage.delete(name)

    transaction.on_commit(delete_letters)


def export_accreditations(*, registration_ids: list[int]) -> list[dict]:
    """The guest's press details, for their export (PIPL access request)."""
    return [
        {
            "registration": accreditation.registration_id,
            "media_outlet": accreditation.media_outlet,
            "outlet_country": accreditation.outlet_country.code,
            "outlet_website": accreditation.outlet_website,
            "role": accreditation.role,
            "press_card_number": accreditation.press_card_number,
            "press_card_authority": accreditation.press_card_authority,
            "letter_of_assignment": accreditation.letter_of_assignment.name.rsplit("/", 1)[-1]
            if accreditation.letter_of_assignment else "",
            "equipment": accreditation.equipment,
            "status": accreditation.status,
            "rejection_reason": accreditation.rejection_reason,
            "decided_at": accreditation.decided_at,
            "created_at": accreditation.created_at,
        }
        for accreditation in PressAccreditation.objects.filter(registration_id__in=registration_ids).order_by("pk")
    ]
