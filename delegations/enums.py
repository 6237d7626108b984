from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DelegationKind(models.TextChoices):
    MEMBER_ORGANISATION = "member_organisation", _("WIC member organisation")
    GOVERNMENT = "government", _("Government")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
    COMPANY = "company", _("Company")
    OTHER = "other", _("Other")


class DelegationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open (focal point invited)")
    SUBMITTED = "submitted", _("Submitted for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class MemberStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    COMPLETED = "completed", _("Data completed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SUBSTITUTED = "substituted", _("Substituted")
    WITHDRAWN = "withdrawn", pgettext_lazy("delegation member", "Withdrawn")


# Members in these statuses count against the delegation's quota and may hold the head's mark.
LIVE_MEMBER_STATUSES = (MemberStatus.INVITED, MemberStatus.COMPLETED, MemberStatus.APPROVED)

# The focal point may change the delegation (add, substitute, submit) while it is in one of these.
FOCAL_POINT_EDITABLE = (DelegationStatus.OPEN, DelegationStatus.SUBMITTED, DelegationStatus.APPROVED)
