from django.db import models
from django.utils.translation import gettext_lazy as _


class GuestCategory(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
    INDUSTRY_ASSOCIATION = "industry_association", _("Industry association")
    ENTERPRISE = "enterprise", _("Enterprise")
    UNIVERSITY = "university", _("University")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    MEDIA = "media", _("Media")
    OTHER = "other", _("Other")


class ProtocolLevel(models.TextChoices):
    """How protocol receives a guest: seating, escort and the order of precedence follow it."""

    HEAD_OF_STATE = "head_of_state", _("Head of state or government")
    MINISTER = "minister", _("Minister")
    VIP = "vip", _("VIP")
    GUEST = "guest", _("Guest")


class RegistrationSource(models.TextChoices):
    """How a registration came in: the open form, a personal invitation, a delegation's focal point, the press form,
    a list the organizers imported."""

    PUBLIC_FORM = "public_form", _("Registration form")
    INVITATION = "invitation", _("Invitation")
    DELEGATION = "delegation", _("Delegation")
    PRESS = "press", _("Press accreditation")
    IMPORT = "import", _("Organizers' spreadsheet")


class Participation(models.TextChoices):
    OFFLINE = "offline", _("On site in Wuzhen")
    ONLINE = "online", _("Online")


class RegistrationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    VERIFIED = "verified", _("Email verified")
    APPROVED = "approved", _("Accredited")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")
    CHECKED_IN = "checked_in", _("Checked in")


# A registration in one of these no longer holds a seat in the forums it chose.
CLOSED_REGISTRATION_STATUSES = (RegistrationStatus.REJECTED, RegistrationStatus.CANCELLED)


class SeatStatus(models.TextChoices):
    SEATED = "seated", _("Seated")
    WAITLISTED = "waitlisted", _("On the waiting list")
    # The registration was cancelled or rejected: the seat or waiting place went back to the forum.
    RELEASED = "released", _("Released")


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    REVOKED = "revoked", _("Revoked")


# An invitation in one of these is live: one per edition and address (and a pending one holds its seats).
LIVE_INVITATION_STATUSES = (InvitationStatus.PENDING, InvitationStatus.ACCEPTED)
