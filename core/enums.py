from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    # A worker has it: its SMTP conversation is under way, with no lock held (or the worker stopped during it, and
    # it is sent again once its time is up: next_attempt_at).
    SENDING = "sending", pgettext_lazy("email", "Being sent")
    RETRY = "retry", _("Waiting to retry")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class AuditAction(models.TextChoices):
    CREATED = "created", _("Created")
    CHANGED = "changed", _("Changed")
    DELETED = "deleted", _("Deleted")
    ACTION = "action", _("Action")
