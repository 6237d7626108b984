from django.db import models
from django.utils.translation import gettext_lazy as _


class SummitMode(models.TextChoices):
    OFFLINE = "offline", _("On site")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Online and on site")


class PartnerRole(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    CO_ORGANISER = "co_organiser", _("Co-organiser")
    SUPPORTER = "supporter", _("Supporter")
    PARTNER = "partner", _("Partner")


class PressConferenceKind(models.TextChoices):
    ANNOUNCEMENT = "announcement", _("Announcement")
    BRIEFING = "briefing", _("Briefing")
    CLOSING = "closing", _("Closing")
