from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrganizationKind(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    INTERNATIONAL = "international", _("International organisation")
    ASSOCIATION = "association", _("Industry association")
    ENTERPRISE = "enterprise", _("Enterprise")
    UNIVERSITY = "university", _("University")
    RESEARCH = "research", _("Research institute")
    THINK_TANK = "think_tank", _("Think tank")
    MEDIA = "media", _("Media")
    NGO = "ngo", _("Non-governmental organisation")
    OTHER = "other", _("Other")


class Continent(models.TextChoices):
    AFRICA = "AF", _("Africa")
    ANTARCTICA = "AN", _("Antarctica")
    ASIA = "AS", _("Asia")
    EUROPE = "EU", _("Europe")
    NORTH_AMERICA = "NA", _("North America")
    OCEANIA = "OC", _("Oceania")
    SOUTH_AMERICA = "SA", _("South America")


class MembershipType(models.TextChoices):
    INSTITUTION = "institution", _("Institution")
    ORGANISATION = "organisation", _("Organisation")
    ENTERPRISE = "enterprise", _("Enterprise")
    INDIVIDUAL = "individual", _("Individual")


class MembershipStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    ENDED = "ended", _("Ended")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# What an organisation may apply for on the website: individuals are admitted by invitation only.
APPLICATION_TYPES = [(value, label) for value, label in MembershipType.choices if value != MembershipType.INDIVIDUAL]
# Applications an organizer may still decide (a rejected one may be reconsidered).
DECIDABLE_STATUSES = (MembershipStatus.APPLIED, MembershipStatus.REJECTED)


class BodyKind(models.TextChoices):
    COMMITTEE = "committee", _("Committee")
    WORKING_GROUP = "working_group", _("Working group")
    PROGRAMME = "programme", pgettext_lazy("a kind of WIC body", "Programme")


class ParticipantRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    MEMBER = "member", _("Member")
    PARTICIPANT = "participant", _("Participant")
    SECRETARIAT = "secretariat", _("Secretariat")
