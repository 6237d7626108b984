from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class LetterStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    REVOKED = "revoked", _("Revoked")


# A letter in one of these is the registration's live letter: at most one at a time.
LIVE_LETTER_STATUSES = (LetterStatus.REQUESTED, LetterStatus.APPROVED)


class Sex(models.TextChoices):
    FEMALE = "F", pgettext_lazy("sex in a passport", "Female")
    MALE = "M", pgettext_lazy("sex in a passport", "Male")
    UNSPECIFIED = "X", pgettext_lazy("sex in a passport", "Unspecified (X)")
