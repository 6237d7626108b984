"""Partner systems: the API keys they read with, and the webhooks we push programme changes to."""

import secrets
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import TimestampedModel

from .enums import AttemptOutcome, DeliveryStatus, WebhookEvent


class ApiKey(TimestampedModel):
    """A key a partner sends with API requests for the partner rate limit.

    Only the SHA-256 of the key is kept; the key itself is shown once, when it is issued. ``prefix`` is a random
    part of the key kept in clear so organizers can tell keys apart.
    """

    partner = models.CharField(_("partner"), max_length=200)
    contact_email = models.EmailField(_("contact email"))
    note = models.TextField(_("note"), blank=True)
    prefix = models.CharField(_("key prefix"), max_length=8, editable=False, db_index=True)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("revoked by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.partner} (wic_{self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


def new_webhook_secret() -> str:
    return secrets.token_urlsafe(32)


def validate_webhook_url(value: str) -> None:
    """http or https; https only in production, where the payload and its signature must not travel in clear."""
    scheme = urlsplit(value).scheme.lower()
    allowed = {"https"} if settings.PRODUCTION else {"http", "https"}
    if scheme not in allowed:
        raise ValidationError(
            _("A webhook address must start with %(schemes)s.") % {"schemes": " or ".join(sorted(allowed))},
            code="scheme",
        )


class Webhook(TimestampedModel):
    """An address of a partner's system that hears of every change to the public programme."""

    partner = models.CharField(_("partner"), max_length=200)
    url = models.URLField(_("address"), max_length=500, validators=[validate_webhook_url])
    # Kept in clear: every delivery is signed with it (HMAC), so it cannot be hashed like an API key.
    secret = models.CharField(_("signing secret"), max_length=64, default=new_webhook_secret, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    summit = models.ForeignKey(
        "summits.Summit", verbose_name=_("only for summit"), null=True, blank=True, related_name="webhooks",
        # A summit is not deleted from under a partner's webhook (and its deliveries): the webhook goes first.
        on_delete=models.PROTECT, help_text=_("Empty: events of every summit."),
    )

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["partner", "pk"]

    def __str__(self):
        return f"{self.partner} → {self.url}"


class WebhookDelivery(models.Model):
    """One event for one webhook: written in the transaction that made the change, then POSTed by a task."""

    webhook = models.ForeignKey(Webhook, verbose_name=_("webhook"), on_delete=models.CASCADE,
                                related_name="deliveries")
    event_id = models.UUIDField(_("event id"), default=uuid.uuid4, editable=False)
    event_type = models.CharField(_("event"), max_length=32, choices=WebhookEvent.choices)
    session_guid = models.UUIDField(pgettext_lazy("part of a forum", "session"), null=True, blank=True, db_index=True)
    payload = models.JSONField(_("payload"), encoder=DjangoJSONEncoder)
    status = models.CharField(_("status"), max_length=10, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(
        _("next attempt"), default=timezone.now, null=True, blank=True,
        help_text=_("Empty once the delivery is done: delivered, or failed and not to be retried."),
    )
    last_status_code = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    last_response_excerpt = models.TextField(_("last response (start)"), blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="partners_delivery_due_idx")]
        constraints = [
            models.UniqueConstraint(fields=["webhook", "event_id"], name="partners_delivery_unique_event"),
        ]

    def __str__(self):
        return f"{self.event_type} {self.event_id}"


class WebhookAttempt(models.Model):
    """One POST of a delivery and what came of it, so organizers can see a partner's endpoint misbehave."""

    delivery = models.ForeignKey(WebhookDelivery, verbose_name=_("delivery"), on_delete=models.CASCADE,
                                 related_name="attempt_log")
    number = models.PositiveSmallIntegerField(_("attempt"))
    at = models.DateTimeField(_("at"))
    duration_ms = models.PositiveIntegerField(_("duration (ms)"))
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=AttemptOutcome.choices)
    error = models.TextField(_("error"), blank=True)
    response_excerpt = models.TextField(_("response (start)"), blank=True)

    class Meta:
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")
        ordering = ["delivery", "number"]
        constraints = [
            models.UniqueConstraint(fields=["delivery", "number"], name="partners_attempt_unique_number"),
        ]

    def __str__(self):
        return f"#{self.number} {self.get_outcome_display()}"
