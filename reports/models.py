"""Reports and documents released at the summit: a series (a yearly blue book, a paper in versions), its editions."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.images import validate_image
from core.models import TimestampedModel
from core.text import validate_subject_part
from core.uploads import ImageUploadField, UploadField

from .enums import EditionStatus, PublishingStep, ReportKind, RunStatus
from .pdf import validate_pdf


class ReportSeries(TimestampedModel):
    """A publication that comes out again and again: "World Internet Development Report", "Theory and Practice"."""

    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ReportKind.choices, default=ReportKind.REPORT)
    description = models.TextField(_("description"), blank=True)
    authoring_body = models.ForeignKey(
        "members.Body", verbose_name=_("authoring body"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="report_series",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("report series")
        verbose_name_plural = _("report series")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class ReportEdition(TimestampedModel):
    """One edition of a series (the 2023 report, version 4.0), with its files and its release at the summit.

    Each language has its own file, and so its own size and checksum, filled in when the edition is published.
    """

    series = models.ForeignKey(
        ReportSeries, verbose_name=_("series"), on_delete=models.PROTECT, related_name="editions"
    )
    summit = models.ForeignKey(
        "summits.Summit", verbose_name=_("released at summit"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="reports",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.CharField(_("version"), max_length=20, blank=True, help_text=_("E.g. 4.0; empty if none."))
    title = models.CharField(_("title"), max_length=400, validators=[validate_subject_part])
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=EditionStatus.choices, default=EditionStatus.DRAFT)
    release_session = models.ForeignKey(
        "forums.Session", verbose_name=_("released in session"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="released_reports",
    )
    release_at = models.DateTimeField(
        _("release at"), null=True, blank=True, help_text=_("The edition is published at this time.")
    )
    released_on = models.DateField(
        _("released on"), null=True, blank=True, help_text=_("For past releases known only by their date.")
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    body = models.TextField(
        _("text of the report"), blank=True,
        help_text=_("For a report written here rather than uploaded: a PDF is rendered from it when the edition "
                    "is published and its language has no file. A line starting with '# ' is a heading."),
    )
    file = UploadField(_("file"), upload_to="reports/files/", blank=True, validators=[validate_pdf],
                            help_text=_("The PDF of this language."))
    file_size = models.PositiveBigIntegerField(_("file size (bytes)"), null=True, blank=True, editable=False)
    file_sha256 = models.CharField(_("file SHA-256"), max_length=64, blank=True, editable=False)
    cover = ImageUploadField(_("cover"), upload_to="reports/covers/", blank=True, validators=[validate_image])
    is_demo = models.BooleanField(_("demo data"), default=False, help_text=_("Made up by the demo loader."))

    if TYPE_CHECKING:
        # Added at run time by modeltranslation (reports/translation.py), one per language; declared for mypy,
        # which does not see them. The services read the English ones by name.
        body_en: str
        body_zh_hans: str
        file_en: models.fields.files.FieldFile
        file_zh_hans: models.fields.files.FieldFile

    class Meta:
        verbose_name = _("report edition")
        verbose_name_plural = _("report editions")
        ordering = ["series__order", "series", "-year", "-version", "pk"]
        indexes = [models.Index(fields=["status", "year"], name="reports_edition_status_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "year", "version"], name="report_edition_unique_version",
                violation_error_message=_("This series already has an edition of this year and version."),
            ),
            models.CheckConstraint(
                condition=~Q(status=EditionStatus.SCHEDULED) | Q(release_at__isnull=False),
                name="report_edition_scheduled_has_release_at",
                violation_error_message=_("A scheduled edition needs its release time."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.version or self.year})"


class PublishingRun(TimestampedModel):
    """One run of the publication of an edition (reports.tasks.publish_report): its steps, the subscribers'
    emails, and the error that stopped it. Organizers follow it in the admin and retry a failed one."""

    edition = models.ForeignKey(
        ReportEdition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="publishing_runs"
    )
    status = models.CharField(_("status"), max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED)
    step = models.CharField(_("step"), max_length=12, choices=PublishingStep.choices, default=PublishingStep.WAITING)
    run_at = models.DateTimeField(_("runs at"), null=True, blank=True, help_text=_("Empty: as soon as possible."))
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    emails_total = models.PositiveIntegerField(_("emails to send"), default=0)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("publishing run")
        verbose_name_plural = _("publishing runs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # At most one run of an edition waits or works at a time: a second "publish" joins the first.
            models.UniqueConstraint(
                fields=["edition"], condition=Q(status__in=["queued", "running"]), name="publishing_run_one_active",
                violation_error_message=_("This edition is already being published."),
            ),
        ]

    def __str__(self):
        return f"{self.edition} · {self.get_status_display()}"


class ReportSubscriber(TimestampedModel):
    """A reader who asked to be told of new reports by email: counted once the address is confirmed (double
    opt-in), until they unsubscribe with the link in every email."""

    email = models.EmailField(_("email"), unique=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en")
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report subscriber")
        verbose_name_plural = _("report subscribers")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None
