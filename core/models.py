"""What every app shares: the timestamped base model, publication, the email outbox and the audit trail."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import AuditAction, EmailStatus, PublicationStatus


class TimestampedModel(models.Model):
    """Base of every domain model; ``updated_at`` doubles as the admin's guard against lost edits."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        abstract = True


class PublishableModel(TimestampedModel):
    """Content that the public site and the API show only once organizers publish it."""

    status = models.CharField(
        _("publication status"), max_length=16, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED


class OutgoingEmail(TimestampedModel):
    """One email in the outbox. Written first, sent by a task; the unique key makes every email happen once."""

    key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    to = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("plain text body"))
    body_html = models.TextField(_("HTML body"), blank=True)
    headers = models.JSONField(
        _("extra headers"), default=dict, blank=True,
        help_text=_("Added to the message as they are, e.g. List-Unsubscribe for one-click unsubscribe."),
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en")
    status = models.CharField(_("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # The retry schedule lives in the row, not in Celery: beat's flush_outbox sends what is due, so one email has
    # one schedule whatever happens to the broker, the workers or beat.
    first_attempt_at = models.DateTimeField(
        _("first attempt"), null=True, blank=True,
        help_text=_("Start of the current retry schedule: temporary failures are retried until "
                    "EMAIL_RETRY_HOURS after it."),
    )
    next_attempt_at = models.DateTimeField(
        _("next attempt"), null=True, blank=True,
        help_text=_("Waiting to retry: when it is tried next. Being sent: when it is tried again if the worker "
                    "sending it stopped before it was done."),
    )
    last_error = models.TextField(
        _("last error"), blank=True,
        help_text=_("The mail server's last answer (code and text), or why the email could not be built."),
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("about (type)"), null=True, blank=True, on_delete=models.SET_NULL
    )
    object_id = models.CharField(_("about (id)"), max_length=64, blank=True)
    about = GenericForeignKey("content_type", "object_id")

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="core_email_status_idx"),
            models.Index(fields=["status", "next_attempt_at"], name="core_email_due_idx"),
            models.Index(fields=["content_type", "object_id"], name="core_email_about_idx"),
        ]

    def __str__(self):
        return f"{self.subject} → {self.to}"


class AuditEntry(models.Model):
    """Who changed what, field by field, kept apart from the object so it outlives a deletion."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(_("action"), max_length=10, choices=AuditAction.choices)
    content_type = models.ForeignKey(ContentType, verbose_name=_("type"), on_delete=models.PROTECT)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"], name="core_audit_object_idx")]

    def __str__(self):
        return f"{self.get_action_display()} {self.object_repr}"


class Tombstone(models.Model):
    """A public row that was deleted, kept so that partners syncing with ``updated_since`` can delete it too."""

    model = models.CharField(_("type"), max_length=60)  # app_label.modelname, as in Model._meta.label_lower
    object_id = models.PositiveBigIntegerField(_("object id"))
    guid = models.UUIDField(_("stable identifier"), null=True, blank=True)
    summit_year = models.PositiveSmallIntegerField(_("summit"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("tombstone")
        verbose_name_plural = _("tombstones")
        ordering = ["deleted_at", "id"]
        indexes = [models.Index(fields=["model", "deleted_at", "id"], name="core_tombstone_sync_idx")]

    def __str__(self):
        return f"{self.model} #{self.object_id}"


class ContentClock(models.Model):
    """The public content version, one row: the token ETags derive from and the time Last-Modified says.

    In the database, so that every process (web servers, workers, a shell, a command) moves one clock; the cache
    holds a copy, which answers a conditional GET without a query (core/versions.py).
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    token = models.CharField(_("token"), max_length=32)
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("content clock")
        verbose_name_plural = _("content clock")

    def __str__(self):
        return f"{self.token} @ {self.changed_at.isoformat()}"
