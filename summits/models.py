"""A summit edition, the places it happens in, its organisers and its press conferences."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.clock import wuzhen_today
from core.countries import WicCountries
from core.images import validate_image
from core.models import PublishableModel, TimestampedModel
from core.review import ReviewableCopy
from core.storage import private_storage
from core.text import validate_subject_part
from core.uploads import ImageUploadField, UploadField

from .enums import (
    PartnerRole,
    PressConferenceKind,
    RegistrationMode,
    RegistrationState,
    SpreadsheetJobStatus,
    SummitMode,
)


class Venue(TimestampedModel):
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    city = models.CharField(_("city"), max_length=120)
    address = models.CharField(_("address"), max_length=255, blank=True)
    country = CountryField(_("country or region"), countries=WicCountries, default="CN")

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Room(TimestampedModel):
    venue = models.ForeignKey(Venue, verbose_name=_("venue"), on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80)
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    floor = models.CharField(_("floor"), max_length=20, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["venue", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["venue", "slug"], name="room_unique_slug_per_venue"),
            models.CheckConstraint(
                condition=Q(capacity__gt=0), name="room_capacity_positive",
                violation_error_message=_("A room holds at least one person."),
            ),
        ]

    def __str__(self):
        # The brackets as the language writes them: 分论坛会议室1（乌镇互联网国际会展中心）.
        return _("%(room)s (%(venue)s)") % {"room": self.name, "venue": self.venue}


class Summit(ReviewableCopy, PublishableModel):
    """One yearly edition of the summit.

    Its calendar decides what is open, from today's date in Wuzhen (``core.clock.wuzhen_today``): an edition is
    upcoming until its first day, running through its last day, and has ended from the next day on (its pages stay,
    as an archive). Guests register from ``registration_opens`` (empty: as soon as it is published) through
    ``registration_closes`` (empty: its last day), both days included, and never after it has ended. Which
    edition is the current one is decided in ``summits.selectors``, by the same dates.
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True, validators=[MinValueValidator(2000)])
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=255, validators=[validate_subject_part])
    theme = models.CharField(_("theme"), max_length=400)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    city = models.CharField(_("city"), max_length=120, default="Wuzhen")
    venue = models.ForeignKey(
        Venue, verbose_name=_("main venue"), null=True, blank=True, on_delete=models.PROTECT, related_name="summits"
    )
    mode = models.CharField(_("mode"), max_length=10, choices=SummitMode.choices, default=SummitMode.HYBRID)
    banner = ImageUploadField(_("banner"), upload_to="summits/banners/", blank=True, validators=[validate_image])
    guest_count = models.PositiveIntegerField(_("guests (recorded)"), null=True, blank=True)
    country_count = models.PositiveSmallIntegerField(_("countries and regions (recorded)"), null=True, blank=True)
    planned_subforum_count = models.PositiveSmallIntegerField(_("sub-forums (announced)"), null=True, blank=True)
    signed_project_count = models.PositiveIntegerField(_("projects signed (recorded)"), null=True, blank=True)
    registration_opens = models.DateField(
        _("registration opens on"), null=True, blank=True,
        help_text=_("The first day guests can register, from midnight Wuzhen time. Empty: registration opens as "
                    "soon as the edition is published."),
    )
    registration_closes = models.DateField(
        _("last day of registration"), null=True, blank=True,
        help_text=_("The last day guests can register, until midnight Wuzhen time. Empty: registration closes at "
                    "the end of the summit's last day."),
    )
    registration_mode = models.CharField(
        _("registration"), max_length=20, choices=RegistrationMode.choices, default=RegistrationMode.OPEN,
        help_text=_("Open: anyone registers through the public form. By invitation only: only the guests invited "
                    "(their personal link), delegations and the press. Closed: nobody registers on the site."),
    )

    class Meta:
        verbose_name = _("summit")
        verbose_name_plural = _("summits")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="summit_ends_after_start",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
            models.CheckConstraint(
                condition=Q(registration_opens__isnull=True) | Q(registration_closes__isnull=True)
                | Q(registration_closes__gte=F("registration_opens")),
                name="summit_registration_closes_after_opening",
                violation_error_message=_("Registration cannot close before it opens."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.registration_closes and self.end_date and self.registration_closes > self.end_date:
            errors["registration_closes"] = _("Registration cannot close after the summit's last day.")
        last_day = self.registration_closes or self.end_date
        if self.registration_opens and last_day and self.registration_opens > last_day:
            errors["registration_opens"] = (
                _("Registration cannot open after it closes.") if self.registration_closes
                else _("Registration cannot open after the summit's last day.")
            )
        if errors:
            raise ValidationError(errors)

    @property
    def days(self) -> list[datetime.date]:
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + datetime.timedelta(days=offset) for offset in range(count)]

    # --- The calendar, from today's date in Wuzhen ---------------------------------------------------------------

    @property
    def is_upcoming(self) -> bool:
        """Its first day is still ahead."""
        return wuzhen_today() < self.start_date

    @property
    def is_running(self) -> bool:
        """Today is one of its days."""
        return self.start_date <= wuzhen_today() <= self.end_date

    @property
    def has_ended(self) -> bool:
        """Its last day is over in Wuzhen: its pages are an archive, and nothing of it is open any more."""
        return wuzhen_today() > self.end_date

    @property
    def registration_last_day(self) -> datetime.date:
        """The last day guests can register: ``registration_closes``, or else the summit's last day."""
        return self.registration_closes or self.end_date

    @property
    def registration_state(self) -> RegistrationState:
        """Where registration stands today, whatever the publication status (see ``registration_is_open``)."""
        today = wuzhen_today()
        if today > self.end_date:
            return RegistrationState.ENDED
        if self.registration_opens and today < self.registration_opens:
            return RegistrationState.NOT_YET_OPEN
        if today > self.registration_last_day:
            return RegistrationState.CLOSED
        return RegistrationState.OPEN

    @property
    def registration_is_open(self) -> bool:
        """Whether guests can register today through the public form: the edition is published, open to all
        (``registration_mode``) and today is in its registration window.

        The one rule the registration form, the navigation, the pages' buttons and ``register_guest`` all ask.
        Invited guests, delegations and the press are admitted by their own flows (``guests.services.admit_guest``).
        """
        return (self.is_published and self.registration_mode == RegistrationMode.OPEN
                and self.registration_state == RegistrationState.OPEN)


class SummitOrganization(TimestampedModel):
    """An organisation's role in an edition: organiser, co-organiser, supporter or partner."""

    summit = models.ForeignKey(Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="partners")
    organization = models.ForeignKey(
        "members.Organization", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="summit_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=PartnerRole.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("organiser or supporter")
        verbose_name_plural = _("organisers and supporters")
        ordering = ["summit", "role", "order"]
        constraints = [
            models.UniqueConstraint(fields=["summit", "organization", "role"], name="summit_org_role_unique"),
        ]

    def __str__(self):
        return f"{self.organization} ({self.get_role_display()})"


class PressConference(ReviewableCopy, PublishableModel):
    """Press conferences around an edition: the announcement in Beijing weeks before, the closing one."""

    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="press_conferences"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PressConferenceKind.choices)
    title = models.CharField(_("title"), max_length=300)
    held_at = models.DateTimeField(_("held at"))
    city = models.CharField(_("city"), max_length=120)
    location = models.CharField(_("location"), max_length=255, blank=True)
    spokespeople = models.CharField(_("spokespeople"), max_length=400, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        verbose_name = _("press conference")
        verbose_name_plural = _("press conferences")
        ordering = ["summit", "held_at"]

    def __str__(self):
        return self.title


class SpreadsheetImport(TimestampedModel):
    """One sheet an organizer uploaded to import (forums, sessions, speakers, guests), checked and then imported by
    a background task (summits/services/spreadsheet_imports.py) so that a long sheet never meets the web server's
    timeout. The file waits in private storage until the import ends; the rows' outcomes are kept for the page."""

    resource = models.CharField(_("resource"), max_length=200, help_text=_("The import resource's class path."))
    model = models.CharField(_("rows of"), max_length=100, help_text=_("The model whose admin the sheet was sent to."))
    summit = models.ForeignKey(Summit, verbose_name=_("summit"), null=True, blank=True, on_delete=models.CASCADE,
                               related_name="+")
    file = UploadField(_("file"), storage=private_storage, upload_to="spreadsheets/%Y/", blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    columns = models.JSONField(_("columns"), default=list, blank=True,
                               help_text=_("The field each column of the sheet fills, in the sheet's order."))
    language = models.CharField(_("language"), max_length=10, default="en")
    status = models.CharField(_("status"), max_length=16, choices=SpreadsheetJobStatus.choices,
                              default=SpreadsheetJobStatus.PREVIEW_QUEUED)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    outcome = models.JSONField(_("outcome"), default=dict, blank=True,
                               help_text=_("Each row's line, kind, label and errors, and the sheet's own errors."))
    error = models.TextField(_("error"), blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} · {self.get_status_display()}"
