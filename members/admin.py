from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from core.admin import WicAdmin, WicTranslationAdmin
from core.admin_reasons import reason_page

from . import selectors, services
from .enums import DECIDABLE_STATUSES, MembershipStatus
from .forms import RejectionForm
from .models import Body, BodyParticipant, Membership, Organization


@admin.register(Organization)
class OrganizationAdmin(WicTranslationAdmin):
    list_display = ["name", "kind", "country", "continent", "is_member", "is_demo"]
    list_filter = ["kind", "continent", "is_demo"]
    search_fields = ["name_en", "name_zh_hans", "short_name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    readonly_fields = ["continent"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("membership")

    @admin.display(boolean=True, description=gettext_lazy("WIC member"))
    def is_member(self, organization):
        membership = getattr(organization, "membership", None)
        return bool(membership and membership.status == MembershipStatus.ACTIVE)


@admin.register(Membership)
class MembershipAdmin(WicAdmin):
    """Members and applications; applications are decided with the actions, which call the services."""

    change_list_template = "members/admin/membership_change_list.html"
    list_display = ["__str__", "type", "status", "since", "applied_at", "contact_name"]
    list_filter = ["status", "type", "organization__continent", "organization__kind"]
    search_fields = ["organization__name_en", "organization__name_zh_hans", "individual_name", "contact_name",
                     "contact_email"]
    autocomplete_fields = ["organization"]
    list_select_related = ["organization"]
    date_hierarchy = "since"
    actions = ["approve_selected", "reject_selected"]
    application_fields = ["contact_name", "contact_email", "contact_phone", "language", "motivation", "applied_at",
                          "consented_at", "decided_at", "rejection_reason"]
    fieldsets = [
        (None, {"fields": ["organization", "individual_name", "individual_country", "type", "status", "since",
                           "ended_on"]}),
        (gettext_lazy("Application"), {"fields": application_fields}),
    ]

    def get_readonly_fields(self, request, obj=None):
        """What the applicant sent is kept as sent; an application's status changes only through the actions
        (which date the membership, audit the decision and write to the applicant)."""
        readonly = list(self.application_fields)
        if obj is not None and obj.status in (*DECIDABLE_STATUSES, MembershipStatus.WITHDRAWN):
            readonly += ["status", "since", "ended_on"]
        return readonly

    def _decide(self, request, queryset, decide, done_message) -> None:
        done = 0
        for membership in queryset.select_related("organization"):
            try:
                decide(membership)
            except services.MembershipError as refusal:
                self.message_user(request, refusal.message, messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)

    @admin.action(description=gettext_lazy("Approve the selected applications"), permissions=["change"])
    def approve_selected(self, request, queryset):
        self._decide(
            request, queryset, lambda membership: services.approve_membership(membership=membership,
                                                                              actor=request.user),
            lambda count: ngettext("%(count)d application approved: a welcome email is on its way.",
                                   "%(count)d applications approved: welcome emails are on their way.",
                                   count) % {"count": count},
        )

    @admin.action(description=gettext_lazy("Reject the selected applications"), permissions=["change"])
    def reject_selected(self, request, queryset):
        """First a page asking for an optional reason (quoted in the email), then the rejection."""
        form = RejectionForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            reason = form.cleaned_data["reason"]
            self._decide(
                request, queryset, lambda membership: services.reject_membership(
                    membership=membership, actor=request.user, reason=reason),
                lambda count: ngettext("%(count)d application rejected.", "%(count)d applications rejected.",
                                       count) % {"count": count},
            )
            return None
        return reason_page(
            self, request, queryset.select_related("organization"), form=form, action="reject_selected",
            title=_("Reject applications"), button=_("Reject"),
            intro=_("These applications will be rejected and their contacts told by email:"),
            describe=lambda membership: f"{membership} ({membership.get_status_display()})",
        )

    def get_urls(self):
        return [
            path("figures/", self.admin_site.admin_view(self.figures_view), name="members_membership_figures"),
            *super().get_urls(),
        ]

    def figures_view(self, request):
        """The figures organizers quote, computed from the memberships: by continent, country, type and kind."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        return TemplateResponse(request, "members/admin/figures.html", {
            **self.admin_site.each_context(request),
            "title": _("Membership figures"),
            "opts": self.model._meta,
            "figures": selectors.member_figures(),
            "pending": selectors.pending_application_count(),
            "applied_status": MembershipStatus.APPLIED,
        })


class BodyParticipantInline(admin.TabularInline):
    model = BodyParticipant
    extra = 0
    autocomplete_fields = ["organization"]
    fields = ["person_name", "organization", "country", "role", "term_start", "term_end"]


@admin.register(Body)
class BodyAdmin(WicTranslationAdmin):
    list_display = ["name", "kind", "established_on", "launched_at_summit", "participant_count"]
    list_filter = ["kind", "launched_at_summit"]
    search_fields = ["name_en", "name_zh_hans", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["launched_at_summit"]
    inlines = [BodyParticipantInline]
    list_select_related = ["launched_at_summit"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(participant_total=Count("participants"))

    @admin.display(description=pgettext_lazy("number of", "participants"), ordering="participant_total")
    def participant_count(self, body):
        return body.participant_total


@admin.register(BodyParticipant)
class BodyParticipantAdmin(WicAdmin):
    """Participants across the bodies, where a term is ended with the action (the inline edits one body's)."""

    list_display = ["__str__", "body", "role", "country", "term_start", "term_end"]
    list_filter = ["body", "role"]
    search_fields = ["person_name", "organization__name_en", "organization__name_zh_hans", "body__name_en"]
    autocomplete_fields = ["organization", "body"]
    list_select_related = ["organization", "body"]
    actions = ["end_today"]

    @admin.action(description=gettext_lazy("End the selected participants' terms today"), permissions=["change"])
    def end_today(self, request, queryset):
        today, ended = services.wuzhen_today(), 0
        for participant in queryset.select_related("organization"):
            try:
                services.end_participation(participant=participant, on=today, actor=request.user)
            except services.MembershipError as refusal:
                self.message_user(request, refusal.message, messages.ERROR)
            else:
                ended += 1
        if ended:
            self.message_user(request, ngettext("%(count)d term ended today.", "%(count)d terms ended today.",
                                                ended) % {"count": ended}, messages.SUCCESS)
