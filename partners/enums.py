from django.db import models
from django.utils.translation import gettext_lazy as _


class WebhookEvent(models.TextChoices):
    SESSION_UPDATED = "session.updated", _("Session published or changed")
    # Also sent when a public session is unpublished: for a partner it is gone either way.
    SESSION_DELETED = "session.deleted", _("Session deleted or unpublished")
    PING = "ping", _("Test event")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    RETRYING = "retrying", _("Waiting to retry")
    SUCCEEDED = "succeeded", _("Delivered")
    FAILED = "failed", _("Failed")


# Deliveries that still have an attempt to come.
OPEN_DELIVERY_STATUSES = (DeliveryStatus.PENDING, DeliveryStatus.RETRYING)


class AttemptOutcome(models.TextChoices):
    SUCCEEDED = "succeeded", _("Delivered")
    RETRY = "retry", _("Failed, will retry")
    FAILED = "failed", _("Failed, given up")
