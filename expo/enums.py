from django.db import models
from django.utils.translation import gettext_lazy as _


class ExhibitorStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ExhibitCategory(models.TextChoices):
    AI = "ai", _("Artificial intelligence")
    DIGITAL_HEALTH = "digital_health", _("Digital health")
    DIGITAL_TRAVEL = "digital_travel", _("Digital travel")
    INDUSTRIAL_INTERNET = "industrial_internet", _("Industrial internet")
    CYBERSPACE_GOVERNANCE = "cyberspace_governance", _("Cyberspace governance")
    DIGITAL_ECONOMY = "digital_economy", _("Digital economy")
    COMMON_PROSPERITY = "common_prosperity", _("Digital-driven common prosperity")
    CARBON_NEUTRALITY = "carbon_neutrality", _("Carbon peak and neutrality")
    TALENT = "talent", _("Talent fair")
    OTHER = "other", _("Other")
