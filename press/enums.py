from django.db import models
from django.utils.translation import gettext_lazy as _


class PressRole(models.TextChoices):
    JOURNALIST = "journalist", _("Journalist")
    PHOTOGRAPHER = "photographer", _("Photographer")
    CAMERA_CREW = "camera_crew", _("Camera crew")
    TECHNICIAN = "technician", _("Technician")


class AccreditationStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    ACCREDITED = "accredited", _("Accredited")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")

