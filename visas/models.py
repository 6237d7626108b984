"""Visa invitation letters: one guest's request, the visa desk's decision and the letter a consulate verifies.

Passport data (the passport's number and expiry, the date of birth) are the visa desk's alone: only its group
holds this app's permissions, the CSV export leaves them out, ``__str__`` names a letter by its reference, and
erasing the guest erases them (``visas.receivers``).
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.countries import WicCountries
from core.models import TimestampedModel

from .enums import LIVE_LETTER_STATUSES, LetterStatus, Sex
from .missions import MISSIONS


def new_verification_token() -> str:
    """The letter's QR code: an unguessable token that opens its public verification page."""
    return secrets.token_urlsafe(24)


class VisaLetter(TimestampedModel):
    """A guest's request for a visa invitation letter to the edition they registered for, and its outcome."""

    registration = models.ForeignKey(
        "guests.Registration", verbose_name=_("registration"), on_delete=models.CASCADE, related_name="visa_letters"
    )
    surname = models.CharField(_("surname (as in the passport)"), max_length=100)
    given_names = models.CharField(_("given names (as in the passport)"), max_length=150, blank=True)
    nationality = CountryField(_("nationality"), countries=WicCountries)
    passport_number = models.CharField(_("passport number"), max_length=20, blank=True)
    passport_expiry = models.DateField(_("passport expiry date"), null=True, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    mission = models.CharField(
        _("embassy or consulate"), max_length=40, help_text=_("The Chinese mission where the guest applies.")
    )
    mission_other = models.CharField(
        _("other embassy or consulate"), max_length=200, blank=True,
        help_text=_("Its city and country, when it is not in the list."),
    )
    # The guest's "other" text is never printed: the desk writes the mission's official names, checked, before
    # approving (services.approve_letter refuses without them).
    mission_name_en = models.CharField(
        _("official name of the other mission (English)"), max_length=200, blank=True,
        help_text=_("For another embassy or consulate only, checked by the visa desk before approving: printed on "
                    "the letter, e.g. \"Consulate-General of the People's Republic of China in Manchester\"."),
    )
    mission_name_zh = models.CharField(
        _("official name of the other mission (Chinese)"), max_length=200, blank=True,
        help_text=_("For another embassy or consulate only, checked by the visa desk before approving: printed on "
                    "the letter, e.g. \"中华人民共和国驻曼彻斯特总领事馆\"."),
    )
    arrival_date = models.DateField(_("arrival in China"))
    departure_date = models.DateField(_("departure from China"))
    status = models.CharField(
        _("status"), max_length=10, choices=LetterStatus.choices, default=LetterStatus.REQUESTED
    )
    decision_reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why the request was refused or the letter revoked; the guest reads it.")
    )
    reference = models.CharField(_("reference number"), max_length=30, unique=True, null=True, blank=True,
                                 editable=False)
    verification_token = models.CharField(
        _("verification token"), max_length=64, unique=True, default=new_verification_token, editable=False
    )
    requested_at = models.DateTimeField(_("requested at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("approved or refused at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("visa invitation letter")
        verbose_name_plural = _("visa invitation letters")
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["status", "requested_at"], name="visas_letter_status_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["registration"], condition=Q(status__in=LIVE_LETTER_STATUSES),
                name="visa_letter_one_live_per_registration",
                violation_error_message=_("This registration already has a visa letter requested or approved."),
            ),
            models.CheckConstraint(
                condition=Q(departure_date__gte=models.F("arrival_date")), name="visa_letter_departs_after_arrival",
                violation_error_message=_("The departure cannot be before the arrival."),
            ),
        ]

    def __str__(self):
        # Never the passport's data: the reference, or the id until the letter has one.
        return self.reference or f"{self._meta.verbose_name} #{self.pk}"

    @property
    def passport_name(self) -> str:
        """The name as the passport's data page writes it: SURNAME, Given Names."""
        return f"{self.surname.upper()}, {self.given_names}" if self.given_names else self.surname.upper()

    @property
    def mission_names(self) -> tuple[str, str]:
        """The mission in English and in Chinese, for the desk's lists: another mission by the names the desk
        confirmed, else as the guest wrote it."""
        if official := self.official_mission_names:
            return official
        return self.mission_other, self.mission_other

    @property
    def official_mission_names(self) -> tuple[str, str] | None:
        """The addressee printed on the letter, in English and in Chinese: a listed mission's names, or another
        mission's names as the visa desk wrote them (never the guest's text); None until the desk has."""
        if self.mission in MISSIONS:
            mission = MISSIONS[self.mission]
            return mission.name_en, mission.name_zh
        if self.mission_name_en.strip() and self.mission_name_zh.strip():
            return self.mission_name_en.strip(), self.mission_name_zh.strip()
        return None

    @property
    def is_valid(self) -> bool:
        return self.status == LetterStatus.APPROVED and self.erased_at is None
