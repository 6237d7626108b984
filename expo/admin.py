from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from core.admin import PublishableAdminMixin, WicAdmin, WicTabularInline, WicTranslationAdmin
from core.admin_choices import edition_filter, picker_label
from core.admin_review import ReviewMarkerAdminMixin, ReviewMarkerInlineMixin
from summits.admin_filters import CurrentEditionFilter

from . import services
from .models import Booth, Exhibit, ExhibitImage, Exhibitor, Expo, Hall


# The halls, their booths and most exhibitors come back each year: the pickers say which edition's
# (core/admin_choices.py).
@picker_label(Hall, related=("expo__summit",))
def hall_label(hall):
    return f"{hall.expo.summit.year} · {hall.name}"


@picker_label(Booth, related=("hall__expo__summit",))
def booth_label(booth):
    return f"{booth.code} ({booth.hall.expo.summit.year} · {booth.hall.name})"


@picker_label(Exhibitor, related=("expo__summit", "organization"))
def exhibitor_label(exhibitor):
    return f"{exhibitor.expo.summit.year} · {exhibitor.organization}"


class HallInline(ReviewMarkerInlineMixin, WicTabularInline):
    model = Hall
    fields = ["name_en", "name_zh_hans", "slug", "order", "review_marker"]
    readonly_fields = ["review_marker"]
    prepopulated_fields = {"slug": ["name_en"]}
    show_change_link = True


@admin.register(Expo)
class ExpoAdmin(ReviewMarkerAdminMixin, PublishableAdminMixin, WicTranslationAdmin):
    list_display = ["name", "summit", "opens_on", "closes_on", "online_hall_open_from", "online_hall_open_until",
                    "status"]
    list_filter = ["status"]
    search_fields = ["name_en", "name_zh_hans", "focus_en", "summit__name_en", "summit__year"]
    list_select_related = ["summit"]
    autocomplete_fields = ["summit", "venue"]
    date_hierarchy = "opens_on"
    inlines = [HallInline]
    actions = [*PublishableAdminMixin.actions, *ReviewMarkerAdminMixin.actions]
    fieldsets = [
        (None, {"fields": ["summit", "name_en", "name_zh_hans", "focus_en", "focus_zh_hans"]}),
        (_("On site"), {"fields": ["venue", "opens_on", "closes_on"]}),
        (_("Online cloud hall"), {"fields": ["online_hall_open_from", "online_hall_open_until"]}),
        (_("Description"), {"fields": ["description_en", "description_zh_hans"]}),
        (_("Publication"), {"fields": ["status"]}),
    ]


class BoothInline(admin.TabularInline):
    model = Booth
    extra = 0
    fields = ["code", "area_sqm", "width_m", "depth_m", "holder"]
    readonly_fields = ["holder"]
    ordering = ["code"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("exhibitor__organization")

    @admin.display(description=_("given to"))
    def holder(self, booth):
        return getattr(booth, "exhibitor", None) or "—"


@admin.register(Hall)
class HallAdmin(ReviewMarkerAdminMixin, WicTranslationAdmin):
    list_display = ["name", "expo", "order", "booth_count"]
    list_filter = [CurrentEditionFilter.for_field("expo__summit")]
    search_fields = ["name_en", "name_zh_hans", "slug", "expo__name_en"]
    list_select_related = ["expo"]
    autocomplete_fields = ["expo"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [BoothInline]
    actions = ReviewMarkerAdminMixin.actions

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(booth_total=Count("booths"))

    @admin.display(description=pgettext_lazy("number of", "booths"), ordering="booth_total")
    def booth_count(self, hall):
        return hall.booth_total


@admin.register(Booth)
class BoothAdmin(WicAdmin):
    list_display = ["code", "hall", "area_sqm", "width_m", "depth_m", "holder"]
    list_filter = [CurrentEditionFilter.for_field("hall__expo__summit"),
                   ("hall", edition_filter(summit_parameter="hall__expo__summit__id__exact",
                                                                 summit_path="expo__summit"))]
    search_fields = ["code", "hall__name_en", "hall__name_zh_hans", "exhibitor__organization__name_en"]
    list_select_related = ["hall__expo", "exhibitor__organization"]
    autocomplete_fields = ["hall"]

    @admin.display(description=_("given to"), ordering="exhibitor__organization__name")
    def holder(self, booth):
        return getattr(booth, "exhibitor", None) or "—"

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # The exhibitor form's booth picker offers free booths only; a taken one would be refused on save anyway.
        if request.GET.get("model_name") == "exhibitor" and request.GET.get("field_name") == "booth":
            queryset = queryset.filter(exhibitor__isnull=True)
        return queryset, may_have_duplicates


class ExhibitInline(WicTabularInline):
    model = Exhibit
    fields = ["title_en", "title_zh_hans", "slug", "category", "is_new_release", "shown_online", "status"]
    prepopulated_fields = {"slug": ["title_en"]}
    show_change_link = True


@admin.register(Exhibitor)
class ExhibitorAdmin(PublishableAdminMixin, WicTranslationAdmin):
    list_display = ["organization", "expo", "booth", "wanted_area_sqm", "application_status", "applied_at", "status",
                    "is_demo"]
    list_filter = [CurrentEditionFilter.for_field("expo__summit"), "application_status", "status", "is_demo"]
    search_fields = ["organization__name_en", "organization__name_zh_hans", "contact_name", "contact_email",
                     "booth__code"]
    list_select_related = ["organization", "expo", "booth__hall"]
    autocomplete_fields = ["expo", "organization", "booth"]
    readonly_fields = ["interest_category_list", "applied_at", "decided_at", "link_version"]
    inlines = [ExhibitInline]
    actions = [*PublishableAdminMixin.actions, "approve_selected", "reject_selected", "send_new_link"]
    fieldsets = [
        (None, {"fields": ["expo", "organization", "application_status", "booth"]}),
        (_("Application"), {"fields": ["products", "interest_category_list", "wanted_area_sqm", "applied_at",
                                       "decided_at"]}),
        (_("Presentation"), {"fields": ["logo", "description_en", "description_zh_hans", "website"]}),
        (_("Contact"), {"fields": ["contact_name", "contact_email", "contact_phone", "contact_language",
                                   "link_version"]}),
        (_("Publication"), {"fields": ["status", "is_demo"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        """A pending or rejected application is decided only with the actions, which audit the decision and write
        to the contact (an approval carries the exhibits link)."""
        readonly = list(self.readonly_fields)
        if obj is not None and obj.application_status in services.APPROVABLE:
            readonly.append("application_status")
        return readonly

    def save_model(self, request, obj, form, change):
        """A booth picked in the form is given by ``assign_booth``: locked, checked again and audited."""
        wanted = obj.booth if "booth" in form.changed_data else None
        if wanted is not None:
            obj.booth_id = form.initial.get("booth") if change else None
        super().save_model(request, obj, form, change)
        if wanted is not None:
            try:
                services.assign_booth(exhibitor=obj, booth=wanted, actor=request.user)
            except ValidationError as refused:
                self.message_user(request, " ".join(refused.messages), messages.ERROR)

    @admin.display(description=_("exhibit categories of interest"))
    def interest_category_list(self, exhibitor):
        return ", ".join(str(label) for label in exhibitor.interest_category_labels) or "—"

    @admin.action(description=_("Approve selected applications (emails the exhibits link)"), permissions=["change"])
    def approve_selected(self, request, queryset):
        count = services.approve_exhibitors(exhibitors=queryset, actor=request.user)
        self.message_user(
            request, ngettext("%d exhibitor approved.", "%d exhibitors approved.", count) % count, messages.SUCCESS
        )

    @admin.action(description=_("Reject selected applications (emails the contact)"), permissions=["change"])
    def reject_selected(self, request, queryset):
        count = services.reject_exhibitors(exhibitors=queryset, actor=request.user)
        skipped = len(queryset) - count
        self.message_user(
            request, ngettext("%d application rejected.", "%d applications rejected.", count) % count,
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(request, ngettext(
                "%d exhibitor was not waiting for a decision and is unchanged.",
                "%d exhibitors were not waiting for a decision and are unchanged.", skipped,
            ) % skipped, messages.WARNING)

    @admin.action(description=_("Send a new exhibits link (earlier links stop working)"), permissions=["change"])
    def send_new_link(self, request, queryset):
        count = services.send_new_exhibits_links(exhibitors=queryset, actor=request.user)
        skipped = len(queryset) - count
        self.message_user(
            request, ngettext("%d new exhibits link sent.", "%d new exhibits links sent.", count) % count,
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(request, ngettext(
                "%d exhibitor is not approved and has no exhibits link.",
                "%d exhibitors are not approved and have no exhibits link.", skipped,
            ) % skipped, messages.WARNING)


class ExhibitImageInline(WicTabularInline):
    model = ExhibitImage
    fields = ["image", "alt_text_en", "alt_text_zh_hans", "caption_en", "caption_zh_hans", "order"]
    ordering = ["order", "pk"]


@admin.register(Exhibit)
class ExhibitAdmin(PublishableAdminMixin, WicTranslationAdmin):
    list_display = ["title", "exhibitor", "category", "is_new_release", "shown_online", "status", "is_demo"]
    list_filter = [CurrentEditionFilter.for_field("exhibitor__expo__summit"), "category", "is_new_release",
                   "shown_online", "status", "is_demo"]
    search_fields = ["title_en", "title_zh_hans", "slug", "exhibitor__organization__name_en"]
    list_select_related = ["exhibitor__organization"]
    autocomplete_fields = ["exhibitor"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [ExhibitImageInline]
    fieldsets = [
        (None, {"fields": ["exhibitor", "title_en", "title_zh_hans", "slug", "category"]}),
        (_("Description"), {"fields": ["summary_en", "summary_zh_hans", "description_en", "description_zh_hans"]}),
        (_("Showing"), {"fields": ["is_new_release", "shown_online", "order"]}),
        (_("Publication"), {"fields": ["status", "is_demo"]}),
    ]
