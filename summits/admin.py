from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.admin import PublishableAdminMixin, WicTabularInline, WicTranslationAdmin
from core.admin_review import ReviewMarkerAdminMixin, ReviewMarkerInlineMixin

from . import services
from .admin_filters import CurrentEditionFilter
from .models import PressConference, Room, Summit, SummitOrganization, Venue


class RoomInline(WicTabularInline):
    model = Room
    fields = ["name_en", "name_zh_hans", "slug", "capacity", "floor", "order"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Venue)
class VenueAdmin(WicTranslationAdmin):
    list_display = ["name", "city", "country"]
    search_fields = ["name_en", "name_zh_hans", "city_en"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [RoomInline]


@admin.register(Room)
class RoomAdmin(WicTranslationAdmin):
    list_display = ["name", "venue", "capacity", "floor"]
    list_filter = ["venue"]
    search_fields = ["name_en", "name_zh_hans", "venue__name_en"]
    list_select_related = ["venue"]
    prepopulated_fields = {"slug": ["name_en"]}


class SummitOrganizationInline(admin.TabularInline):
    model = SummitOrganization
    extra = 0
    autocomplete_fields = ["organization"]
    fields = ["organization", "role", "order"]


class PressConferenceInline(ReviewMarkerInlineMixin, WicTabularInline):
    model = PressConference
    fields = ["kind", "title_en", "title_zh_hans", "held_at", "city_en", "status", "review_marker"]
    readonly_fields = ["review_marker"]
    show_change_link = True


@admin.register(Summit)
class SummitAdmin(ReviewMarkerAdminMixin, PublishableAdminMixin, WicTranslationAdmin):
    list_display = ["name", "year", "start_date", "end_date", "mode", "status", "registration", "agenda_link",
                    "speakers_status_link"]
    list_filter = ["status", "mode"]
    search_fields = ["name_en", "name_zh_hans", "theme_en", "slug", "year"]
    list_select_related = ["venue"]
    autocomplete_fields = ["venue"]
    date_hierarchy = "start_date"
    inlines = [SummitOrganizationInline, PressConferenceInline]
    actions = [*PublishableAdminMixin.actions, *ReviewMarkerAdminMixin.actions, "start_next_edition"]
    fieldsets = [
        (None, {"fields": ["year", "slug", "name_en", "name_zh_hans", "theme_en", "theme_zh_hans"]}),
        (gettext_lazy("When and where"), {"fields": ["start_date", "end_date", "city_en", "city_zh_hans", "venue",
                                                      "mode"]}),
        (gettext_lazy("Registration"), {
            "fields": ["registration_mode", "registration_opens", "registration_closes"],
            "description": gettext_lazy("Guests register on the public site from the first day through the last "
                                        "day, in Wuzhen time, once the edition is published. Leave both empty to "
                                        "open registration on publication and close it when the summit ends."),
        }),
        (gettext_lazy("Description"), {"fields": ["description_en", "description_zh_hans", "banner"]}),
        (gettext_lazy("Recorded figures"), {"fields": ["guest_count", "country_count", "planned_subforum_count",
                                                        "signed_project_count"]}),
        (gettext_lazy("Publication"), {"fields": ["status"]}),
    ]

    def get_urls(self):
        return [
            path("<int:summit_id>/agenda/", self.admin_site.admin_view(self.agenda_moved_view),
                 name="summits_summit_agenda"),
            *super().get_urls(),
        ]

    @admin.display(description=gettext_lazy("registration today"))
    def registration(self, summit):
        """Where registration stands today by the calendar (a draft takes none: the public cannot see it)."""
        return summit.registration_state.label if summit.is_published else _("Not until published")

    @admin.display(description=gettext_lazy("agenda"))
    def agenda_link(self, summit):
        return format_html('<a href="{}">{}</a>', reverse("admin:forums_session_agenda", args=[summit.pk]),
                           _("Day by room"))

    @admin.display(description=gettext_lazy("speakers"))
    def speakers_status_link(self, summit):
        return format_html('<a href="{}">{}</a>', reverse("admin:forums_session_speakers_status", args=[summit.pk]),
                           _("Speakers' status"))

    def agenda_moved_view(self, request, summit_id):
        """The edition's agenda lives with the programme it reads (forums' admin); old bookmarks follow it there.

        Temporary (302), so a browser does not cache where an admin page lives.
        """
        return redirect("admin:forums_session_agenda", summit_id)

    @admin.action(description=gettext_lazy("Start next year's edition from this one"), permissions=["add"])
    def start_next_edition(self, request, queryset):
        """Asks first, like Django's delete: a page shows the new edition's year and dates and what is copied.

        The confirming POST (``post=yes``) creates it; a second one (a double click, a reload, another organizer)
        is refused by the service and lands on the edition the first one created, never on an error.
        """
        summits = list(queryset[:2])
        if len(summits) != 1:
            self.message_user(request, _("Choose exactly one edition to start the next one from."), messages.ERROR)
            return None
        source = summits[0]
        try:
            if request.POST.get("post") == "yes":
                new_summit = services.start_next_edition(summit=source, actor=request.user)
            else:
                plan = services.plan_next_edition(summit=source)
        except services.EditionRefused as refusal:
            self.message_user(request, refusal.message, messages.ERROR)
            if refusal.existing is None:
                return None
            return redirect("admin:summits_summit_change", refusal.existing.pk)
        if request.POST.get("post") != "yes":
            return self._confirm_next_edition(request, plan)
        self.message_user(
            request,
            _("The %(year)s edition was created as a draft, from %(first)s to %(last)s, from the %(source)s edition. "
              "Its copied rows are marked “to review”: check their texts and dates, then save each one.")
            % {"year": new_summit.year, "first": date_format(new_summit.start_date, "DATE_FORMAT"),
               "last": date_format(new_summit.end_date, "DATE_FORMAT"), "source": source.year},
            messages.SUCCESS,
        )
        return redirect("admin:summits_summit_change", new_summit.pk)

    def _confirm_next_edition(self, request, plan):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Start the %(year)s edition from the %(source)s edition?")
            % {"year": plan.year, "source": plan.source.year},
            "opts": self.model._meta,
            "plan": plan,
            "days": list(zip(plan.source.days, [day + plan.shift for day in plan.source.days], strict=True)),
            "weeks": plan.shift.days // 7,
            "in_the_past": plan.end_date < timezone.localdate(),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/summits/summit/start_next_edition.html", context)


@admin.register(PressConference)
class PressConferenceAdmin(ReviewMarkerAdminMixin, PublishableAdminMixin, WicTranslationAdmin):
    list_display = ["title", "summit", "kind", "held_at", "city", "status"]
    list_filter = [CurrentEditionFilter.for_field("summit"), "kind", "status"]
    search_fields = ["title_en", "title_zh_hans"]
    list_select_related = ["summit"]
    date_hierarchy = "held_at"
    actions = [*PublishableAdminMixin.actions, *ReviewMarkerAdminMixin.actions]
