"""Guests of an edition: who they are, their registration and accreditation, and the forums they chose."""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from core.clock import WUZHEN
from core.countries import WicCountries
from core.models import TimestampedModel

from .enums import (
    LIVE_INVITATION_STATUSES,
    GuestCategory,
    InvitationStatus,
    Participation,
    ProtocolLevel,
    RegistrationSource,
    RegistrationStatus,
    SeatStatus,
)


def new_badge_token() -> str:
    """An unguessable token printed as the badge's QR code and scanned at check-in."""
    return secrets.token_urlsafe(24)


class Guest(TimestampedModel):
    """A person invited to or registering for the summit, known by one email address across editions."""

    email = models.EmailField(_("email"))
    full_name = models.CharField(_("full name"), max_length=200)
    native_name = models.CharField(
        _("name in native script"), max_length=200, blank=True, help_text=_("E.g. the name in Chinese characters.")
    )
    title = models.CharField(_("position"), max_length=300)
    organization_name = models.CharField(_("organisation"), max_length=300)
    category = models.CharField(_("category"), max_length=30, choices=GuestCategory.choices)
    country = CountryField(_("country or region"), countries=WicCountries)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en",
        help_text=_("Every email to this guest is written in this language."),
    )

    class Meta:
        verbose_name = _("guest")
        verbose_name_plural = _("guests")
        ordering = ["full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), name="guest_unique_email_ci",
                violation_error_message=_("A guest with this email address already exists."),
            ),
        ]

    def __str__(self):
        return self.full_name


class Registration(TimestampedModel):
    """A guest's registration for one edition, from submission through accreditation to check-in."""

    guest = models.ForeignKey(Guest, verbose_name=_("guest"), on_delete=models.CASCADE, related_name="registrations")
    summit = models.ForeignKey(
        "summits.Summit", verbose_name=_("summit"), on_delete=models.PROTECT, related_name="registrations"
    )
    participation = models.CharField(_("participation"), max_length=10, choices=Participation.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.SUBMITTED
    )
    needs = models.TextField(_("accessibility or dietary needs"), blank=True)
    source = models.CharField(
        _("registered through"), max_length=20, choices=RegistrationSource.choices,
        default=RegistrationSource.PUBLIC_FORM,
        help_text=_("Journalists registered through the press accreditation are not counted as guests."),
    )
    protocol_level = models.CharField(
        _("protocol level"), max_length=20, choices=ProtocolLevel.choices, default=ProtocolLevel.GUEST
    )
    submitted_details = models.JSONField(
        _("details awaiting verification"), default=dict, blank=True, editable=False,
        help_text=_("A returning guest's new name, organisation and contact details, applied to their record once "
                    "they confirm this registration's email address; until then the record keeps the old ones."),
    )
    consented_at = models.DateTimeField(
        _("consented at"), help_text=_("When the guest accepted the processing of their personal data.")
    )
    verified_at = models.DateTimeField(_("email verified at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("accredited or rejected at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    badge_token = models.CharField(
        _("badge token"), max_length=64, unique=True, default=new_badge_token, editable=False
    )
    forums = models.ManyToManyField(
        "forums.Forum", through="ForumChoice", verbose_name=_("forums"), related_name="registrations"
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["summit", "status"], name="guests_reg_summit_status_idx")]
        constraints = [
            # A guest may register again after cancelling, but holds one live registration per edition.
            models.UniqueConstraint(
                fields=["guest", "summit"], condition=~Q(status=RegistrationStatus.CANCELLED),
                name="registration_one_active_per_guest_and_summit",
                violation_error_message=_("This guest is already registered for this summit."),
            ),
        ]

    def __str__(self):
        return f"{self.guest} – {self.summit}"


class ForumChoice(TimestampedModel):
    """A forum a registered guest chose to attend: seated, or waiting for a seat to free up."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="forum_choices"
    )
    forum = models.ForeignKey(
        "forums.Forum", verbose_name=_("forum"), on_delete=models.PROTECT, related_name="choices"
    )
    seat_status = models.CharField(_("seat"), max_length=12, choices=SeatStatus.choices)
    waitlisted_at = models.DateTimeField(_("waitlisted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("forum choice")
        verbose_name_plural = _("forum choices")
        ordering = ["registration", "created_at", "pk"]
        indexes = [
            # The waiting list of a forum, first come first served.
            models.Index(fields=["forum", "seat_status", "created_at"], name="guests_choice_waitlist_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "forum"], name="forum_choice_unique_per_registration",
                violation_error_message=_("This forum is already chosen in this registration."),
            ),
        ]

    def __str__(self):
        return f"{self.forum} ({self.get_seat_status_display()})"

    def clean(self):
        super().clean()
        try:
            registration = self.registration  # may be the unsaved registration of the admin's add form
        except Registration.DoesNotExist:
            return
        if self.forum_id and registration.summit_id and self.forum.summit_id != registration.summit_id:
            raise ValidationError({"forum": _("Choose a forum of the summit this registration is for.")})


class SessionMove(TimestampedModel):
    """A session whose time or room changed and whose seated guests are still to be told: the slot they last heard
    of, kept from the first move until the summary email is written (``notified_at``). Further moves in between
    only push ``moved_at`` forward, so organizers editing a session three times make one notice, sent once they
    have stopped for a while (``services.send_session_move_notices``)."""

    session = models.ForeignKey(
        "forums.Session", verbose_name=pgettext_lazy("part of a forum", "session"),
        on_delete=models.CASCADE, related_name="+",
    )
    summit = models.ForeignKey("summits.Summit", verbose_name=_("summit"), on_delete=models.CASCADE, related_name="+")
    previous_start = models.DateTimeField(_("previously starts"))
    previous_end = models.DateTimeField(_("previously ends"))
    previous_room = models.ForeignKey(
        "summits.Room", verbose_name=_("previous room"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    moved_at = models.DateTimeField(_("last moved at"))
    notified_at = models.DateTimeField(_("guests told at"), null=True, blank=True)

    class Meta:
        verbose_name = _("moved session")
        verbose_name_plural = _("moved sessions")
        ordering = ["pk"]
        indexes = [models.Index(fields=["summit", "notified_at"], name="guests_sessionmove_pending_idx")]
        constraints = [
            # One pending row per session: its first move's slot is what the guests last heard of.
            models.UniqueConstraint(fields=["session"], condition=Q(notified_at__isnull=True),
                                    name="session_move_one_pending_per_session"),
        ]

    def __str__(self):
        return f"{self.session_id} ({self.moved_at:%Y-%m-%d %H:%M})"


class Invitation(TimestampedModel):
    """A personal invitation to an edition: who organizers invite, the forums reserved for them and until when their
    seats there are held. The invitee answers through a signed link (``links.invitation_url``): accepting registers
    them (``services.accept_invitation``), declining frees the seats. ``link_version`` is the link's claim: revoking
    or sending again raises it, and every earlier link stops working."""

    summit = models.ForeignKey(
        "summits.Summit", verbose_name=_("summit"), on_delete=models.PROTECT, related_name="invitations"
    )
    email = models.EmailField(_("email"))
    full_name = models.CharField(_("full name"), max_length=200)
    native_name = models.CharField(
        _("name in native script"), max_length=200, blank=True, help_text=_("E.g. the name in Chinese characters.")
    )
    title = models.CharField(_("position"), max_length=300, blank=True)
    organization_name = models.CharField(_("organisation"), max_length=300, blank=True)
    category = models.CharField(_("category"), max_length=30, choices=GuestCategory.choices)
    country = CountryField(_("country or region"), countries=WicCountries)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en",
        help_text=_("The invitation and its reminders are written in this language."),
    )
    protocol_level = models.CharField(
        _("protocol level"), max_length=20, choices=ProtocolLevel.choices, default=ProtocolLevel.GUEST
    )
    reserved_forums = models.ManyToManyField(
        "forums.Forum", verbose_name=_("reserved forums"), blank=True, related_name="invitations",
        help_text=_("A seat is held for the invitee in each of these forums until the hold deadline, even in forums "
                    "by invitation only."),
    )
    hold_until = models.DateTimeField(
        _("seats held until"),
        help_text=_("Until then the reserved seats wait for the invitee and their link works (never after the "
                    "summit's last day); afterwards the seats go to other guests."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    link_version = models.PositiveIntegerField(_("link version"), default=1, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, editable=False)
    reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True, editable=False)
    reminder_count = models.PositiveSmallIntegerField(_("reminders sent"), default=0, editable=False)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)
    holds_released_at = models.DateTimeField(
        _("held seats released at"), null=True, blank=True, editable=False,
        help_text=_("When the hold deadline passed and the held seats went to the guests waiting."),
    )
    registration = models.OneToOneField(
        Registration, verbose_name=_("registration"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="invitation", editable=False,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    note = models.TextField(_("note"), blank=True, help_text=_("For organizers only; never shown to the invitee."))

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["summit", "status"], name="guests_invitation_status_idx")]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), "summit", condition=Q(status__in=LIVE_INVITATION_STATUSES),
                name="invitation_one_live_per_summit_and_email",
                violation_error_message=_("This address already has a live invitation to this summit."),
            ),
        ]

    def __str__(self):
        return f"{self.full_name} – {self.summit}"

    @property
    def link_expires_at(self) -> datetime.datetime:
        """The invitee's link works until the hold deadline or the end of the edition's last day, whichever first."""
        edition_end = datetime.datetime.combine(
            self.summit.end_date + datetime.timedelta(days=1), datetime.time.min, tzinfo=WUZHEN)
        return min(self.hold_until, edition_end)

    @property
    def is_open(self) -> bool:
        """Still waiting for an answer the invitee can give."""
        return self.status == InvitationStatus.PENDING and timezone.now() < self.link_expires_at

    def clean(self):
        super().clean()
        if self.email:
            self.email = self.email.strip().lower()
