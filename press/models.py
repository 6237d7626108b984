"""A journalist's press accreditation: the guest registration they hold (source "press", category media) and what
the press office reviews on top of it."""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.countries import WicCountries
from core.documents import validate_document
from core.models import TimestampedModel
from core.storage import private_storage
from core.uploads import UploadField

from .enums import AccreditationStatus, PressRole

LETTER_EXTENSIONS = ["pdf", "png", "jpg", "jpeg"]


class PressAccreditation(TimestampedModel):
    """The press details of one journalist's registration for one edition, and the press office's decision."""

    registration = models.OneToOneField(
        "guests.Registration", verbose_name=_("registration"), on_delete=models.CASCADE,
        related_name="press_accreditation",
    )
    media_outlet = models.CharField(_("media outlet"), max_length=300)
    outlet_country = CountryField(_("outlet's country or region"), countries=WicCountries)
    outlet_website = models.URLField(_("outlet's website"), max_length=300, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=PressRole.choices)
    press_card_number = models.CharField(_("press card number"), max_length=100)
    press_card_authority = models.CharField(_("press card issued by"), max_length=300)
    letter_of_assignment = UploadField(
        _("letter of assignment"), storage=private_storage, upload_to="press/letters/%Y/", blank=True,
        validators=[FileExtensionValidator(LETTER_EXTENSIONS), validate_document],
        help_text=_("From the editor: a PDF or an image. Kept in private storage, read by the press office only."),
    )
    equipment = models.TextField(
        _("equipment needing clearance"), blank=True,
        help_text=_("Cameras, lenses, drones, satellite or radio transmitters brought to the venue."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=AccreditationStatus.choices, default=AccreditationStatus.APPLIED
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("press accreditation")
        verbose_name_plural = _("press accreditations")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status"], name="press_accreditation_status_idx")]

    def __str__(self):
        return f"{self.registration.guest} ({self.media_outlet})"
