from django.db import models
from django.utils.translation import gettext_lazy as _


class WebhookEvent(models.TextChoices):
    SESSION_UPDATED = "session.updated", _("Session published or changed")
    # Also sent when a public session is unpublished: for a partner it is gone either way.
    SESSION_DELETED = "session.deleted", _("Session deleted or unpublished")
    PING = "ping", _("Test event")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    # A worker has it: its POST is under way (or the worker stopped during it, and it is sent again once its
    # time is up: next_attempt_at).
    SENDING = "sending", _("Being sent")
    RETRYING = "retrying", _("Waiting to retry")
    SUCCEEDED = "succeeded", _("Delivered")
    FAILED = "failed", _("Failed")


# Deliveries that still have an attempt to come.
OPEN_DELIVERY_STATUSES = (DeliveryStatus.PENDING, DeliveryStatus.SENDING, DeliveryStatus.RETRYING)


class AttemptOutcome(models.TextChoices):
    SUCCEEDED = "succeeded", _("Delivered")
    RETRY = "retry", _("Failed, will retry")
    FAILED = "failed", _("Failed, given up")
