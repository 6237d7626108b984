"""The Light of the Internet Expo of an edition: its halls and booths, exhibitors, and the exhibits they show."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.clock import wuzhen_today
from core.images import validate_image
from core.models import PublishableModel, TimestampedModel
from core.review import ReviewableCopy
from core.text import validate_subject_part
from core.uploads import ImageUploadField

from .enums import ExhibitCategory, ExhibitorStatus


class Expo(ReviewableCopy, PublishableModel):
    """The expo held with one edition, on site for a few days and, since 2022, in an online cloud hall."""

    summit = models.OneToOneField(
        "summits.Summit", verbose_name=_("summit"), on_delete=models.CASCADE, related_name="expo"
    )
    name = models.CharField(_("name"), max_length=255, validators=[validate_subject_part])
    description = models.TextField(_("description"), blank=True)
    focus = models.CharField(
        _("focus"), max_length=300, blank=True, help_text=_("What this year's expo puts forward, e.g. artificial "
                                                            "intelligence.")
    )
    venue = models.ForeignKey(
        "summits.Venue", verbose_name=_("venue"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="expos",
    )
    opens_on = models.DateField(_("opens on site"), null=True, blank=True)
    closes_on = models.DateField(_("closes on site"), null=True, blank=True)
    online_hall_open_from = models.DateField(
        _("online hall open from"), null=True, blank=True, help_text=_("Empty: the online cloud hall is not open.")
    )
    online_hall_open_until = models.DateField(
        _("online hall open until"), null=True, blank=True,
        help_text=_("Last day included. Empty: the hall stays open (it shows the exhibits all year round)."),
    )

    class Meta:
        verbose_name = _("expo")
        verbose_name_plural = _("expos")
        ordering = ["-summit__year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True) | Q(opens_on__isnull=True) | Q(closes_on__gte=F("opens_on")),
                name="expo_closes_after_opening",
                violation_error_message=_("The expo cannot close before it opens."),
            ),
            models.CheckConstraint(
                condition=Q(online_hall_open_until__isnull=True) | Q(online_hall_open_from__isnull=True)
                | Q(online_hall_open_until__gte=F("online_hall_open_from")),
                name="expo_online_hall_until_after_from",
                violation_error_message=_("The online hall cannot close before it opens."),
            ),
        ]

    def __str__(self):
        return self.name

    def online_hall_open_on(self, day: datetime.date) -> bool:
        """Whether the cloud hall is open on ``day``: from its first day, through its last day if it has one."""
        if self.online_hall_open_from is None or day < self.online_hall_open_from:
            return False
        return self.online_hall_open_until is None or day <= self.online_hall_open_until

    @property
    def online_hall_is_open(self) -> bool:
        """Whether the cloud hall of a published expo is open today in Wuzhen (the navigation offers it then)."""
        return self.is_published and self.online_hall_open_on(wuzhen_today())

    @property
    def takes_applications(self) -> bool:
        """Whether organisations may apply to exhibit: its edition is published and has not ended. The expo itself
        may still be a draft (applications come in before the exhibitors are published)."""
        return self.summit.is_published and not self.summit.has_ended


class Hall(ReviewableCopy, TimestampedModel):
    expo = models.ForeignKey(Expo, verbose_name=_("expo"), on_delete=models.CASCADE, related_name="halls")
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("hall")
        verbose_name_plural = _("halls")
        ordering = ["expo", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["expo", "slug"], name="hall_unique_slug_per_expo")]

    def __str__(self):
        return self.name


class Booth(TimestampedModel):
    """A stand in a hall; it is given to at most one exhibitor (``Exhibitor.booth`` is one-to-one)."""

    hall = models.ForeignKey(Hall, verbose_name=_("hall"), on_delete=models.CASCADE, related_name="booths")
    code = models.CharField(_("code"), max_length=20, help_text=_("As on the floor plan, e.g. A-12."))
    area_sqm = models.DecimalField(_("area (m²)"), max_digits=7, decimal_places=2)
    width_m = models.DecimalField(_("width (m)"), max_digits=6, decimal_places=2, null=True, blank=True)
    depth_m = models.DecimalField(_("depth (m)"), max_digits=6, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        ordering = ["hall", "code"]
        constraints = [
            models.UniqueConstraint(fields=["hall", "code"], name="booth_unique_code_per_hall"),
            models.CheckConstraint(
                condition=Q(area_sqm__gt=0), name="booth_area_positive",
                violation_error_message=_("A booth's area must be more than 0 m²."),
            ),
            models.CheckConstraint(
                condition=(Q(width_m__isnull=True) | Q(width_m__gt=0)) & (Q(depth_m__isnull=True) | Q(depth_m__gt=0)),
                name="booth_sides_positive",
                violation_error_message=_("A booth's width and depth, when given, must be more than 0 m."),
            ),
        ]

    def __str__(self):
        return f"{self.code} ({self.hall})"


class Exhibitor(PublishableModel):
    """An organisation exhibiting at one expo, from its application to its booth."""

    expo = models.ForeignKey(Expo, verbose_name=_("expo"), on_delete=models.CASCADE, related_name="exhibitors")
    organization = models.ForeignKey(
        "members.Organization", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="exhibitors"
    )
    booth = models.OneToOneField(
        Booth, verbose_name=_("booth"), null=True, blank=True, on_delete=models.SET_NULL, related_name="exhibitor"
    )
    logo = ImageUploadField(
        _("logo"), upload_to="expo/logos/", blank=True, validators=[validate_image],
        help_text=_("Empty: the organisation's logo is shown."),
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_language = models.CharField(
        _("contact's language"), max_length=10, choices=settings.LANGUAGES, default="en",
        help_text=_("The language of the emails the contact receives."),
    )
    products = models.TextField(_("products to show"), blank=True, help_text=_("As the application describes them."))
    interest_categories = models.JSONField(
        _("exhibit categories of interest"), default=list, blank=True,
        help_text=_("The exhibit categories named in the application."),
    )
    wanted_area_sqm = models.DecimalField(
        _("wanted booth area (m²)"), max_digits=7, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("1"))],
    )
    application_status = models.CharField(
        _("application status"), max_length=12, choices=ExhibitorStatus.choices, default=ExhibitorStatus.APPLIED
    )
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(
        _("decided at"), null=True, blank=True, editable=False, help_text=_("When the application was last decided."),
    )
    link_version = models.PositiveIntegerField(
        _("exhibits link version"), default=1, editable=False,
        help_text=_("Sending a new exhibits link raises it; links of earlier versions stop working."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False, help_text=_("Made up by the demo loader."))

    class Meta:
        verbose_name = _("exhibitor")
        verbose_name_plural = _("exhibitors")
        ordering = ["expo", "organization__name", "pk"]
        indexes = [models.Index(fields=["expo", "application_status"], name="expo_exhibitor_status_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["expo", "organization"], name="exhibitor_unique_per_expo",
                violation_error_message=_("This organisation is already an exhibitor at this expo."),
            ),
        ]

    def __str__(self):
        return str(self.organization)

    @property
    def interest_category_labels(self) -> list[str]:
        """The labels of the categories of interest, in the categories' order."""
        return [label for value, label in ExhibitCategory.choices if value in (self.interest_categories or [])]

    @property
    def display_logo(self):
        """The logo to show: the exhibitor's own, else its organisation's (may be empty)."""
        return self.logo or self.organization.logo

    def booth_refusal(self, booth: Booth) -> str:
        """Why ``booth`` cannot be given to this exhibitor ("" if it can): it is in another expo, or taken."""
        if booth.hall.expo_id != self.expo_id:
            return gettext("Booth %(booth)s is in %(other)s, not in this exhibitor's expo.") % {
                "booth": booth, "other": booth.hall.expo,
            }
        holder = Exhibitor.objects.filter(booth=booth).exclude(pk=self.pk).select_related("organization").first()
        if holder is not None:
            return gettext("Booth %(booth)s is already given to %(holder)s; free it there first.") % {
                "booth": booth, "holder": holder,
            }
        return ""

    def clean(self):
        super().clean()
        if self.booth_id and self.expo_id:
            refusal = self.booth_refusal(self.booth)
            if refusal:
                raise ValidationError({"booth": refusal})


class Exhibit(PublishableModel):
    """Something an exhibitor shows: a product released at the expo, an AI showcase, a digital health service..."""

    exhibitor = models.ForeignKey(
        Exhibitor, verbose_name=_("exhibitor"), on_delete=models.CASCADE, related_name="exhibits"
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=100)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=24, choices=ExhibitCategory.choices)
    is_new_release = models.BooleanField(_("new release"), default=False, help_text=_("Launched at the expo."))
    shown_online = models.BooleanField(
        _("shown online"), default=True, help_text=_("Shown in the online cloud hall while it is open.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_demo = models.BooleanField(_("demo data"), default=False, help_text=_("Made up by the demo loader."))

    class Meta:
        verbose_name = _("exhibit")
        verbose_name_plural = _("exhibits")
        ordering = ["exhibitor", "order", "pk"]
        indexes = [models.Index(fields=["category"], name="expo_exhibit_category_idx")]
        constraints = [
            models.UniqueConstraint(fields=["exhibitor", "slug"], name="exhibit_unique_slug_per_exhibitor"),
        ]

    def __str__(self):
        return self.title


class ExhibitImage(TimestampedModel):
    exhibit = models.ForeignKey(Exhibit, verbose_name=_("exhibit"), on_delete=models.CASCADE, related_name="images")
    image = ImageUploadField(_("image"), upload_to="expo/exhibits/", validators=[validate_image])
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    alt_text = models.CharField(
        _("text alternative"), max_length=300,
        help_text=_("What the image shows, read out by screen readers to people who cannot see it."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("exhibit image")
        verbose_name_plural = _("exhibit images")
        ordering = ["exhibit", "order", "pk"]

    def __str__(self):
        return self.caption or self.alt_text
