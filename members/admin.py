from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import WicAdmin, WicTranslationAdmin

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

    @admin.display(boolean=True, description=_("WIC member"))
    def is_member(self, organization):
        membership = getattr(organization, "membership", None)
        return bool(membership and membership.status == "active")


@admin.register(Membership)
class MembershipAdmin(WicAdmin):
    list_display = ["__str__", "type", "status", "since"]
    list_filter = ["status", "type", "organization__continent"]
    search_fields = ["organization__name_en", "organization__name_zh_hans", "individual_name"]
    autocomplete_fields = ["organization"]
    list_select_related = ["organization"]
    date_hierarchy = "since"


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
        from django.db.models import Count

        return super().get_queryset(request).annotate(participant_total=Count("participants"))

    @admin.display(description=_("participants"), ordering="participant_total")
    def participant_count(self, body):
        return body.participant_total
