"""Delegations of an edition: an organisation's group of guests, registered by its focal point within a quota."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.countries import WicCountries
from core.forms import single_line
from core.models import TimestampedModel
from core.text import without_bidi_controls
from guests.enums import ProtocolLevel

from .enums import LIVE_MEMBER_STATUSES, DelegationKind, DelegationStatus, MemberStatus


class Delegation(TimestampedModel):
    """An organisation's delegation to one edition: a focal point registers its members, up to the quota."""

    summit = models.ForeignKey(
        "summits.Summit", verbose_name=_("summit"), on_delete=models.PROTECT, related_name="delegations"
    )
    name = models.CharField(_("organisation"), max_length=300, help_text=_("As written in English."))
    native_name = models.CharField(
        _("organisation in Chinese"), max_length=300, blank=True,
        help_text=_("The organisation's name in Chinese characters, shown on Chinese pages and emails."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=DelegationKind.choices)
    organization = models.ForeignKey(
        "members.Organization", verbose_name=_("member organisation"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="delegations",
        help_text=_("For a delegation of a WIC member organisation."),
    )
    country = CountryField(_("country or region"), countries=WicCountries)
    quota = models.PositiveSmallIntegerField(_("quota"), help_text=_("How many members the delegation may have."))
    substitution_deadline = models.DateField(
        _("substitution deadline"), help_text=_("The last day the focal point may substitute a member."),
    )
    focal_name = models.CharField(_("focal point's name"), max_length=200)
    focal_email = models.EmailField(_("focal point's email"))
    focal_language = models.CharField(
        _("focal point's language"), max_length=10, choices=settings.LANGUAGES, default="en",
        help_text=_("The focal point's emails are written in this language."),
    )
    focal_phone = models.CharField(_("focal point's phone"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=DelegationStatus.choices, default=DelegationStatus.DRAFT
    )
    link_version = models.PositiveIntegerField(
        _("link version"), default=1, editable=False,
        help_text=_("Raised to revoke the focal point's earlier links."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )
    note = models.TextField(_("organizers' note"), blank=True)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["summit", "name", "pk"]
        indexes = [models.Index(fields=["summit", "status"], name="delegations_summit_status_idx")]

    def __str__(self):
        return self.name

    def clean(self):
        """Names typed in the admin as the public forms take them (one line, without the bidirectional controls
        that would print them reversed); substitutions end by the summit's last day."""
        super().clean()
        for field in ("name", "native_name", "focal_name", "focal_phone"):
            setattr(self, field, single_line(getattr(self, field) or ""))
        self.note = without_bidi_controls(self.note or "")
        if self.summit_id and self.substitution_deadline and self.substitution_deadline > self.summit.end_date:
            raise ValidationError({"substitution_deadline": _(
                "The substitution deadline cannot be after the summit's last day (%(date)s)."
            ) % {"date": date_format(self.summit.end_date)}})

    def display_name(self, language: str) -> str:
        """The organisation's name in a page or email of ``language``."""
        return self.native_name if language == "zh-hans" and self.native_name else self.name

    def name_before_delegation(self, language: str) -> str:
        """The organisation's name where a page or email of ``language`` writes "delegation of …" ("…代表团"):
        without a "代表团" (or "delegation") the organizers already ended it with, which would be written twice
        ("QA甲代表团代表团")."""
        name = self.display_name(language)
        suffix = "代表团" if language == "zh-hans" else " delegation"
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)].rstrip()
        return name


class DelegationMember(TimestampedModel):
    """A person on a delegation: added by the focal point, who completes their own data through their own link."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="members"
    )
    email = models.EmailField(_("email"))
    full_name = models.CharField(_("full name"), max_length=200, help_text=_("As in the passport."))
    native_name = models.CharField(_("name in native script"), max_length=200, blank=True)
    title = models.CharField(_("position"), max_length=300, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en",
        help_text=_("The member's emails are written in this language."),
    )
    is_head = models.BooleanField(_("head of delegation"), default=False)
    protocol_level = models.CharField(
        _("protocol level"), max_length=20, choices=ProtocolLevel.choices, default=ProtocolLevel.GUEST
    )
    status = models.CharField(_("status"), max_length=12, choices=MemberStatus.choices, default=MemberStatus.INVITED)
    registration = models.OneToOneField(
        "guests.Registration", verbose_name=_("registration"), null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="delegation_member",
    )
    link_version = models.PositiveIntegerField(_("link version"), default=1, editable=False)
    substitutes = models.OneToOneField(
        "self", verbose_name=_("substitutes"), null=True, blank=True, editable=False, on_delete=models.SET_NULL,
        related_name="substituted_by",
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation members")
        ordering = ["delegation", "-is_head", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["delegation"], condition=Q(is_head=True, status__in=LIVE_MEMBER_STATUSES),
                name="delegation_one_head",
                violation_error_message=_("This delegation already has a head."),
            ),
            models.UniqueConstraint(
                Lower("email"), "delegation", condition=Q(status__in=LIVE_MEMBER_STATUSES),
                name="delegation_member_unique_email",
                violation_error_message=_("This person is already a member of the delegation."),
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_MEMBER_STATUSES
