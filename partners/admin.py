"""Organizers issue and revoke partners' API keys, register their webhooks, and follow every delivery.

A new key is shown once, in the message after saving; only its hash is stored, and the admin never shows that.
A webhook's signing secret is shown on its page to those who may change webhooks.
"""

import json
import uuid

from django.contrib import admin, messages
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from core.admin import WicAdmin

from . import services
from .models import ApiKey, Webhook, WebhookAttempt, WebhookDelivery

RECENT_DELIVERIES = 10


class KeyStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("active", _("Active")), ("revoked", _("Revoked"))]

    def queryset(self, request, queryset):
        if self.value() == "active":
            return queryset.filter(revoked_at__isnull=True)
        if self.value() == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        return queryset


@admin.register(ApiKey)
class ApiKeyAdmin(WicAdmin):
    list_display = ["partner", "key_prefix", "contact_email", "created_at", "last_used_at", "active"]
    list_filter = [KeyStateFilter]
    search_fields = ["partner", "contact_email", "prefix"]
    date_hierarchy = "created_at"
    actions = ["revoke_selected"]
    add_fields = ["partner", "contact_email", "note"]
    change_readonly_fields = ["key_prefix", "created_by", "created_at", "last_used_at", "revoked_at", "revoked_by"]

    def get_fields(self, request, obj=None):
        return self.add_fields if obj is None else [*self.add_fields, *self.change_readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.change_readonly_fields

    def has_delete_permission(self, request, obj=None):
        """Keys are revoked, not deleted: the list keeps who had access, and until when."""
        return False

    @admin.display(description=_("key"), ordering="prefix")
    def key_prefix(self, api_key):
        return f"wic_{api_key.prefix}_…"

    @admin.display(description=_("active"), boolean=True, ordering="revoked_at")
    def active(self, api_key):
        return api_key.is_active

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        issued, raw_key = services.issue_api_key(
            partner=obj.partner, contact_email=obj.contact_email, note=obj.note, actor=request.user
        )
        # The admin carries on (history, redirect) with the object its form built: make it the key just issued.
        obj.pk = issued.pk
        obj.refresh_from_db()
        obj._state.adding = False
        self.message_user(request, format_html(
            _("The API key for {partner} is <code>{key}</code> — copy it now and send it to the partner safely. "
              "It is stored only as a hash and will not be shown again."),
            partner=issued.partner, key=raw_key,
        ), messages.SUCCESS)

    @admin.action(description=_("Revoke selected keys"), permissions=["change"])
    def revoke_selected(self, request, queryset):
        count = sum(services.revoke_api_key(api_key=api_key, actor=request.user) for api_key in queryset)
        self.message_user(request, ngettext("%d key revoked.", "%d keys revoked.", count) % count, messages.SUCCESS)


@admin.register(Webhook)
class WebhookAdmin(WicAdmin):
    list_display = ["partner", "url", "summit", "is_active", "deliveries", "created_at"]
    list_filter = ["is_active", "summit"]
    search_fields = ["partner", "url"]
    list_select_related = ["summit"]
    actions = ["send_test_event"]
    editable_fields = ["partner", "url", "summit", "is_active"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return self.editable_fields
        return [*self.editable_fields, *self.get_readonly_fields(request, obj)]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        secret = ["signing_secret"] if self.has_change_permission(request, obj) else []
        return [*secret, "created_at", "recent_deliveries"]

    @admin.display(description=_("signing secret"))
    def signing_secret(self, webhook):
        return format_html(
            "<code>{}</code><div class='help'>{}</div>", webhook.secret,
            _("Give it to the partner safely: their endpoint checks X-WIC-Signature with it."),
        )

    def _deliveries_url(self, webhook) -> str:
        return f"{reverse('admin:partners_webhookdelivery_changelist')}?webhook__id__exact={webhook.pk}"

    @admin.display(description=_("deliveries"))
    def deliveries(self, webhook):
        return format_html('<a href="{}">{}</a>', self._deliveries_url(webhook), _("Deliveries"))

    @admin.display(description=_("recent deliveries"))
    def recent_deliveries(self, webhook):
        recent = webhook.deliveries.order_by("-created_at", "-pk")[:RECENT_DELIVERIES]
        rows = format_html_join(
            "", "<tr><td><a href='{}'>{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (reverse("admin:partners_webhookdelivery_change", args=[delivery.pk]),
                 date_format(localtime(delivery.created_at), "DATETIME_FORMAT"), delivery.event_type,
                 delivery.get_status_display(), delivery.attempts, delivery.last_status_code or "—")
                for delivery in recent
            ),
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
            "<tbody>{}</tbody></table><p><a href='{}'>{}</a></p>",
            _("created"), _("event"), _("status"), _("attempts"), _("last HTTP status"), rows,
            self._deliveries_url(webhook), _("All deliveries of this webhook"),
        )

    @admin.action(description=_("Send a test event"), permissions=["change"])
    def send_test_event(self, request, queryset):
        count = 0
        for webhook in queryset:
            services.send_test_event(webhook=webhook, actor=request.user)
            count += 1
        self.message_user(request, ngettext(
            "%d test event queued; see the deliveries for the answer.",
            "%d test events queued; see the deliveries for the answers.", count) % count, messages.SUCCESS)


class WebhookAttemptInline(admin.TabularInline):
    model = WebhookAttempt
    fields = ["number", "at", "duration_ms", "status_code", "outcome", "error", "response_excerpt"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        """Attempts are part of their delivery: whoever sees the delivery sees them."""
        return request.user.has_perm("partners.view_webhookdelivery")


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "webhook", "event_type", "session", "status", "attempts", "last_status_code",
                    "error", "next_attempt_at", "delivered_at"]
    list_filter = ["status", "event_type", "webhook"]
    search_fields = ["webhook__partner", "webhook__url"]
    search_help_text = _("Partner, address, or an event or session id.")
    date_hierarchy = "created_at"
    list_select_related = ["webhook"]
    fields = ["webhook", "event_type", "event_id", "session_guid", "status", "attempts", "next_attempt_at",
              "last_status_code", "last_error", "last_response_excerpt", "delivered_at", "created_at",
              "payload_json"]
    readonly_fields = fields
    inlines = [WebhookAttemptInline]
    actions = ["retry_selected"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_retry_permission(self, request):
        """Retrying is a change to the webhook's traffic: for those who may change webhooks."""
        return request.user.has_perm("partners.change_webhook")

    def get_search_results(self, request, queryset, search_term):
        try:
            wanted = uuid.UUID(search_term.strip())
        except ValueError:
            return super().get_search_results(request, queryset, search_term)
        return queryset.filter(Q(event_id=wanted) | Q(session_guid=wanted)), False

    @admin.display(description=pgettext_lazy("part of a forum", "session"))
    def session(self, delivery):
        """Which session the event is about: its title as sent, else its stable id."""
        data = delivery.payload.get("data") if isinstance(delivery.payload, dict) else None
        title = data.get("title") if isinstance(data, dict) else None
        return title if isinstance(title, str) and title else (delivery.session_guid or "–")

    @admin.display(description=_("last error"))
    def error(self, delivery):
        return delivery.last_error[:120]

    @admin.display(description=_("payload"))
    def payload_json(self, delivery):
        return format_html("<pre>{}</pre>", json.dumps(delivery.payload, cls=DjangoJSONEncoder, indent=2,
                                                       ensure_ascii=False))

    @admin.action(description=_("Retry selected deliveries now"), permissions=["retry"])
    def retry_selected(self, request, queryset):
        count = sum(services.retry_webhook_delivery(delivery=delivery, actor=request.user) for delivery in queryset)
        self.message_user(request, ngettext("%d delivery queued again.", "%d deliveries queued again.", count)
                          % count, messages.SUCCESS)
