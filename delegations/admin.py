"""Delegations in the admin: organizers create a delegation, invite its focal point, and approve or reject it as a
whole or member by member. Members are added by the focal point (within the quota) and change status only through
the actions, which call the services (guests' registrations, emails, audit)."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy, ngettext
from django_countries.filters import CountryFilter

from core.admin import WicAdmin
from core.refusals import Refused
from summits.admin_filters import CurrentEditionFilter

from . import services
from .enums import LIVE_MEMBER_STATUSES
from .models import Delegation, DelegationMember


def _registration_link(member: DelegationMember) -> str:
    if member.registration_id is None:
        return "–"
    url = reverse("admin:guests_registration_change", args=[member.registration_id])
    return format_html('<a href="{}">{}</a>', url, member.registration.get_status_display())


class DelegationMemberInline(admin.TabularInline):
    """The delegation's members as the focal point added them; the protocol level is the organizers' to set."""

    model = DelegationMember
    extra = 0
    fields = ["full_name", "email", "title", "is_head", "protocol_level", "status", "registration_link"]
    readonly_fields = ["full_name", "email", "title", "is_head", "status", "registration_link"]
    ordering = ["-is_head", "created_at", "pk"]
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # added by the focal point, within the quota

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("registration")

    @admin.display(description=gettext_lazy("registration"))
    def registration_link(self, member):
        return _registration_link(member)


class RefusalsAsMessagesMixin:
    def _run(self, request, action) -> int | None:
        try:
            return action()
        except Refused as refusal:
            self.message_user(request, " ".join(refusal.messages), messages.ERROR)
            return None


@admin.register(Delegation)
class DelegationAdmin(RefusalsAsMessagesMixin, WicAdmin):
    audit_values = False  # the focal point's contact details are personal data
    list_display = ["name", "kind", "country", "quota", "live_members", "status", "focal_name", "summit"]
    list_filter = [CurrentEditionFilter.for_field("summit"), "status", "kind", ("country", CountryFilter)]
    search_fields = ["name", "native_name", "focal_name", "focal_email"]
    list_select_related = ["summit"]
    autocomplete_fields = ["summit", "organization"]
    inlines = [DelegationMemberInline]
    actions = ["invite_focal_point", "renew_focal_point_link", "approve_delegations", "reject_delegations"]
    fieldsets = [
        (None, {"fields": ["summit", "name", "native_name", "kind", "organization", "country", "quota",
                           "substitution_deadline", "status", "note"]}),
        (gettext_lazy("Focal point"), {"fields": ["focal_name", "focal_email", "focal_language", "focal_phone"]}),
    ]
    readonly_fields = ["status"]

    def has_delete_permission(self, request, obj=None):
        """A delegation is rejected, never deleted: its members' registrations and emails refer to it."""
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            live_count=Count("members", filter=Q(members__status__in=LIVE_MEMBER_STATUSES)))

    @admin.display(description=gettext_lazy("members"), ordering="live_count")
    def live_members(self, delegation):
        return f"{delegation.live_count} / {delegation.quota}"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def _each(self, request, queryset, service) -> int:
        done = 0
        for delegation in queryset.order_by("pk"):
            try:
                service(delegation=delegation, actor=request.user)
            except Refused as refusal:
                self.message_user(request, f"{delegation}: {' '.join(refusal.messages)}", messages.ERROR)
            else:
                done += 1
        return done

    @admin.action(description=gettext_lazy("Invite the focal point (or send the link again)"),
                  permissions=["change"])
    def invite_focal_point(self, request, queryset):
        done = self._each(request, queryset, services.invite_focal_point)
        self.message_user(request, ngettext("%(count)d focal point emailed.", "%(count)d focal points emailed.",
                                            done) % {"count": done}, messages.SUCCESS)

    @admin.action(description=gettext_lazy("Send the focal point a new link (the old one stops working)"),
                  permissions=["change"])
    def renew_focal_point_link(self, request, queryset):
        done = self._each(request, queryset, lambda **kwargs: services.invite_focal_point(new_link=True, **kwargs))
        self.message_user(request, ngettext("%(count)d focal point emailed.", "%(count)d focal points emailed.",
                                            done) % {"count": done}, messages.SUCCESS)

    @admin.action(description=gettext_lazy("Approve the delegation as a whole"), permissions=["change"])
    def approve_delegations(self, request, queryset):
        done = self._each(request, queryset, services.approve_delegation)
        self.message_user(request, ngettext("%(count)d delegation approved.", "%(count)d delegations approved.",
                                            done) % {"count": done}, messages.SUCCESS)

    @admin.action(description=gettext_lazy("Reject the delegation"), permissions=["change"])
    def reject_delegations(self, request, queryset):
        done = self._each(request, queryset, services.reject_delegation)
        self.message_user(request, ngettext("%(count)d delegation rejected.", "%(count)d delegations rejected.",
                                            done) % {"count": done}, messages.SUCCESS)


@admin.register(DelegationMember)
class DelegationMemberAdmin(RefusalsAsMessagesMixin, WicAdmin):
    audit_values = False
    list_display = ["full_name", "delegation", "is_head", "protocol_level", "status", "registration_status"]
    list_filter = [CurrentEditionFilter.for_field("delegation__summit"), "status", "is_head", "protocol_level"]
    search_fields = ["full_name", "native_name", "email", "delegation__name"]
    list_select_related = ["delegation", "registration"]
    actions = ["approve_selected", "reject_selected"]
    fields = ["delegation", "full_name", "native_name", "email", "title", "language", "is_head", "protocol_level",
              "status", "registration_status", "substitutes", "completed_at"]
    readonly_fields = ["delegation", "full_name", "native_name", "email", "title", "language", "is_head", "status",
                       "registration_status", "substitutes", "completed_at"]

    def has_add_permission(self, request):
        return False  # the focal point adds members, within the quota

    def has_delete_permission(self, request, obj=None):
        return False  # rejected or substituted, never deleted

    @admin.display(description=gettext_lazy("registration"))
    def registration_status(self, member):
        return _registration_link(member)

    @admin.action(description=gettext_lazy("Approve selected members"), permissions=["change"])
    def approve_selected(self, request, queryset):
        done = self._run(request, lambda: services.approve_members(members=queryset, actor=request.user))
        if done is not None:
            self.message_user(request, ngettext(
                "%(count)d member approved.", "%(count)d members approved.", done) % {"count": done},
                messages.SUCCESS if done else messages.WARNING)

    @admin.action(description=gettext_lazy("Reject selected members"), permissions=["change"])
    def reject_selected(self, request, queryset):
        done = self._run(request, lambda: services.reject_members(members=queryset, actor=request.user))
        if done is not None:
            self.message_user(request, ngettext(
                "%(count)d member rejected.", "%(count)d members rejected.", done) % {"count": done},
                messages.SUCCESS if done else messages.WARNING)
