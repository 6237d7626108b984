"""Guests and registrations. Personal data: the audit trail records which fields changed, never their values."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import WicAdmin

from .models import ForumChoice, Guest, Registration


class RegistrationSummaryInline(admin.TabularInline):
    """The guest's registrations at a glance; each is edited on its own page."""

    model = Registration
    extra = 0
    fields = ["summit", "participation", "status", "created_at"]
    readonly_fields = fields
    ordering = ["-created_at"]
    show_change_link = True
    can_delete = False
    verbose_name_plural = _("registrations")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("summit")


@admin.register(Guest)
class GuestAdmin(WicAdmin):
    audit_values = False
    list_display = ["full_name", "email", "organization_name", "category", "country", "language", "created_at"]
    list_filter = ["category", "country"]
    search_fields = ["email", "full_name", "organization_name"]
    date_hierarchy = "created_at"
    inlines = [RegistrationSummaryInline]


class ForumChoiceInline(admin.TabularInline):
    model = ForumChoice
    extra = 0
    autocomplete_fields = ["forum"]
    fields = ["forum", "seat_status", "waitlisted_at"]


@admin.register(Registration)
class RegistrationAdmin(WicAdmin):
    audit_values = False
    list_display = ["guest", "summit", "participation", "status", "created_at"]
    list_filter = ["summit", "status", "participation", "guest__category"]
    search_fields = ["guest__email", "guest__full_name"]
    list_select_related = ["guest", "summit"]
    autocomplete_fields = ["guest", "summit"]
    date_hierarchy = "created_at"
    readonly_fields = ["verified_at", "decided_at", "cancelled_at", "checked_in_at"]
    inlines = [ForumChoiceInline]
    fieldsets = [
        (None, {"fields": ["guest", "summit", "participation", "status", "needs"]}),
        (_("History"), {"fields": ["consented_at", "verified_at", "decided_at", "cancelled_at", "checked_in_at"]}),
    ]
