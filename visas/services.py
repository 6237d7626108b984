"""The rules of visa invitation letters: who may request one, with what, and the visa desk's decisions.

A guest requests a letter from their own page (``request_letter``); the visa desk approves, refuses or revokes it
in the admin (``approve_letter``, ``refuse_letter``, ``revoke_letter``), each decision audited (personal data: by
id only) and told to the guest by email. ``erase_letters`` is what erasing a guest does here.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.enums import AuditAction
from core.refusals import Refused
from core.services.audit import record_audit
from guests.enums import CLOSED_REGISTRATION_STATUSES, Participation
from guests.models import Registration

from . import emails
from .enums import LIVE_LETTER_STATUSES, LetterStatus
from .missions import MISSIONS, OTHER
from .models import VisaLetter
from .names import names_match

# A stay may start this many days before the summit's first day and end this many days after its last.
STAY_WINDOW_DAYS = 30
# Chinese visas ask for a passport valid at least six months after the stay.
PASSPORT_VALID_MONTHS = 6
ERASED = "[erased]"
PASSPORT_FIELDS = ("surname", "given_names", "passport_number", "passport_expiry", "date_of_birth", "sex")


class LetterRefused(Refused):
    """A request or a decision the rules of visa letters refuse; the message is for the person who asked."""


@dataclass(frozen=True)
class LetterRequest:
    surname: str
    given_names: str
    nationality: str
    passport_number: str
    passport_expiry: datetime.date
    date_of_birth: datetime.date
    mission: str
    arrival_date: datetime.date
    departure_date: datetime.date
    sex: str = ""
    mission_other: str = ""


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (the month's last day when it has fewer days)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _day(day: datetime.date) -> str:
    """A date in a message as the site's pages write it, in the active language (Dec. 6, 2026; 2026年12月6日)."""
    return date_format(day, "DATE_FORMAT")


def stay_window(summit) -> tuple[datetime.date, datetime.date]:
    """The first arrival and the last departure a letter for this edition may name."""
    margin = datetime.timedelta(days=STAY_WINDOW_DAYS)
    return summit.start_date - margin, summit.end_date + margin


def can_request(registration: Registration) -> bool:
    """A letter is for a guest coming to Wuzhen, whose registration is live and whose edition has not ended."""
    return (registration.participation == Participation.OFFLINE
            and registration.status not in CLOSED_REGISTRATION_STATUSES
            and not registration.summit.has_ended)


def live_letter(registration: Registration) -> VisaLetter | None:
    return registration.visa_letters.filter(status__in=LIVE_LETTER_STATUSES).first()


def _check_name(registration: Registration, request: LetterRequest) -> None:
    guest = registration.guest
    registered = [name for name in (guest.full_name, guest.native_name) if name.strip()]
    if not any(names_match(surname=request.surname, given_names=request.given_names, registered=name)
               for name in registered):
        raise LetterRefused(
            _("The name in your passport (%(passport)s) is not the name you registered with (%(registered)s). "
              "The letter must carry your name exactly as in your passport: correct your registration, or write "
              "to the visa desk."),
            code="name_mismatch", field="surname",
            params={"passport": f"{request.surname} {request.given_names}".strip(), "registered": guest.full_name},
        )


def _check_dates(registration: Registration, request: LetterRequest) -> None:
    summit = registration.summit
    earliest, latest = stay_window(summit)
    if request.departure_date < request.arrival_date:
        raise LetterRefused(_("The departure cannot be before the arrival."), code="departure_before_arrival",
                            field="departure_date")
    if request.arrival_date < earliest or request.arrival_date > summit.end_date:
        raise LetterRefused(
            _("Arrive between %(earliest)s and the summit's last day, %(last)s."), code="arrival_out_of_window",
            field="arrival_date", params={"earliest": _day(earliest), "last": _day(summit.end_date)},
        )
    if request.departure_date < summit.start_date or request.departure_date > latest:
        raise LetterRefused(
            _("Leave between the summit's first day, %(first)s, and %(latest)s."), code="departure_out_of_window",
            field="departure_date", params={"first": _day(summit.start_date), "latest": _day(latest)},
        )
    needed = add_months(request.departure_date, PASSPORT_VALID_MONTHS)
    if request.passport_expiry < needed:
        raise LetterRefused(
            _("Your passport must be valid at least six months after your departure, until %(date)s or later. "
              "Renew it before you request the letter."),
            code="passport_expires_too_soon", field="passport_expiry", params={"date": _day(needed)},
        )
    if request.date_of_birth >= timezone.localdate():
        raise LetterRefused(_("Enter your date of birth as in your passport."), code="date_of_birth",
                            field="date_of_birth")


def _check_mission(request: LetterRequest) -> None:
    if request.mission == OTHER and not request.mission_other.strip():
        raise LetterRefused(_("Name the embassy or consulate: its city and country."), code="mission_other",
                            field="mission_other")
    if request.mission != OTHER and request.mission not in MISSIONS:
        raise LetterRefused(_("Choose an embassy or consulate."), code="mission", field="mission")


@transaction.atomic
def request_letter(*, registration: Registration, request: LetterRequest) -> VisaLetter:
    """Record the guest's request, checked against their registration; the letter and its reference commit
    together. Refused (``LetterRefused``) for a registration that may not request, a second live letter, a name
    that is not the registered one, dates of stay outside the window or a passport expiring too soon."""
    registration = Registration.objects.select_for_update().select_related("guest", "summit").get(pk=registration.pk)
    if not can_request(registration):
        raise LetterRefused(_("This registration cannot request a visa invitation letter."), code="not_allowed")
    if live_letter(registration) is not None:
        raise LetterRefused(_("You have already requested a visa invitation letter for this summit."),
                            code="already_requested")
    _check_name(registration, request)
    _check_mission(request)
    _check_dates(registration, request)
    try:
        with transaction.atomic():
            letter = VisaLetter.objects.create(
                registration=registration, surname=request.surname.strip(), given_names=request.given_names.strip(),
                nationality=request.nationality, passport_number=request.passport_number.strip().upper(),
                passport_expiry=request.passport_expiry, date_of_birth=request.date_of_birth, sex=request.sex,
                mission=request.mission, mission_other=request.mission_other.strip() if request.mission == OTHER
                else "", arrival_date=request.arrival_date, departure_date=request.departure_date,
                requested_at=timezone.now(),
            )
    except IntegrityError as error:  # a second tab's request, committed in between
        raise LetterRefused(_("You have already requested a visa invitation letter for this summit."),
                            code="already_requested") from error
    letter.reference = f"WIC{registration.summit.year}-VL-{letter.pk:06d}"
    letter.save(update_fields=["reference", "updated_at"])
    return letter


def _locked(letter: VisaLetter) -> VisaLetter:
    return VisaLetter.objects.select_for_update().select_related("registration__guest", "registration__summit").get(
        pk=letter.pk)


@transaction.atomic
def approve_letter(*, letter: VisaLetter, actor) -> bool:
    """Approve a requested letter: the guest is emailed a link to download it. False (nothing done) for a letter
    that is not requested any more. Refused (``LetterRefused``) for another mission whose official names the desk
    has not written: the guest's own text is never printed on a letter."""
    letter = _locked(letter)
    if letter.status != LetterStatus.REQUESTED or letter.erased_at:
        return False
    if letter.official_mission_names is None:
        raise LetterRefused(
            _("%(letter)s: the guest named another embassy or consulate (\"%(named)s\"). Write its official names "
              "in English and in Chinese on the letter's page before approving it."),
            code="mission_unconfirmed", params={"letter": str(letter), "named": letter.mission_other},
        )
    letter.status, letter.decided_by, letter.decided_at = LetterStatus.APPROVED, actor, timezone.now()
    letter.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    record_audit(actor=actor, action=AuditAction.ACTION, obj=letter, note="approved", personal=True,
                 changes={"status": [LetterStatus.REQUESTED.value, LetterStatus.APPROVED.value]})
    emails.queue_letter_email(letter=letter, kind="approved")
    return True


@transaction.atomic
def refuse_letter(*, letter: VisaLetter, actor, reason: str) -> bool:
    """Refuse a requested letter, with the reason the guest reads; they may request again once it is fixed."""
    letter = _locked(letter)
    if letter.status != LetterStatus.REQUESTED:
        return False
    letter.status, letter.decision_reason = LetterStatus.REFUSED, reason.strip()
    letter.decided_by, letter.decided_at = actor, timezone.now()
    letter.save(update_fields=["status", "decision_reason", "decided_by", "decided_at", "updated_at"])
    record_audit(actor=actor, action=AuditAction.ACTION, obj=letter, note="refused", personal=True,
                 changes={"status": [LetterStatus.REQUESTED.value, LetterStatus.REFUSED.value]})
    emails.queue_letter_email(letter=letter, kind="refused")
    return True


@transaction.atomic
def revoke_letter(*, letter: VisaLetter, actor, reason: str) -> bool:
    """Revoke an approved letter: its verification page says so from now on and the guest can no longer download
    it."""
    letter = _locked(letter)
    if letter.status != LetterStatus.APPROVED:
        return False
    letter.status, letter.decision_reason, letter.revoked_at = LetterStatus.REVOKED, reason.strip(), timezone.now()
    letter.save(update_fields=["status", "decision_reason", "revoked_at", "updated_at"])
    record_audit(actor=actor, action=AuditAction.ACTION, obj=letter, note="revoked", personal=True,
                 changes={"status": [LetterStatus.APPROVED.value, LetterStatus.REVOKED.value]})
    emails.queue_letter_email(letter=letter, kind="revoked")
    return True


def erase_letters(*, registration_ids: list[int]) -> int:
    """Erase the passport data of these registrations' letters (the guest's erasure, in its transaction). The
    letters stay, counted by status and nationality; a valid one stops verifying (its page answers 404)."""
    return VisaLetter.objects.filter(registration_id__in=registration_ids).update(
        surname=ERASED, given_names="", passport_number="", passport_expiry=None, date_of_birth=None, sex="",
        mission_other="", decision_reason="", erased_at=timezone.now(), updated_at=timezone.now(),
    )


PASSPORT_DATA_NOT_EXPORTED = ("The passport's number and expiry date and the date of birth are held by the visa desk "
                              "and left out of this export, which organizers produce; the visa desk gives them to "
                              "the guest on request.")


def export_letters(*, registration_ids: list[int]) -> list[dict]:
    """The guest's letters for their access request. Organizers, who hold no right over passport data, run the
    export: the passport's number and expiry and the date of birth stay with the visa desk (and are said to)."""
    letters = VisaLetter.objects.filter(registration_id__in=registration_ids).order_by("requested_at", "pk")
    return [
        {
            "reference": letter.reference, "registration": letter.registration_id, "status": letter.status,
            "surname": letter.surname, "given_names": letter.given_names, "nationality": letter.nationality.code,
            "sex": letter.sex, "mission": letter.mission_names[0],
            "arrival_date": letter.arrival_date, "departure_date": letter.departure_date,
            "requested_at": letter.requested_at, "decided_at": letter.decided_at, "revoked_at": letter.revoked_at,
            "reason": letter.decision_reason, "passport_data": PASSPORT_DATA_NOT_EXPORTED,
        }
        for letter in letters
    ]
