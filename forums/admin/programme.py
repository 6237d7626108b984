"""Theme groups and forums, with the sessions edited inline; the pickers' labels of the programme's rows."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.formats import date_format, time_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.admin import PublishableAdminMixin, WicTabularInline, WicTranslationAdmin
from core.admin_choices import edition_filter, picker_label
from core.admin_review import ReviewMarkerAdminMixin
from summits.admin_filters import CurrentEditionFilter
from summits.admin_spreadsheets import SpreadsheetAdminMixin

from ..models import Forum, Session, ThemeGroup
from ..scheduling import describe_slot
from ..spreadsheets import ForumResource


# Every edition has its "Opening Ceremony" and its "Keynote speeches": the pickers say which (core/admin_choices.py).
@picker_label(ThemeGroup, related=("summit",))
def theme_group_label(group):
    return f"{group.summit.year} · {group.name}"


@picker_label(Forum, related=("summit",))
def forum_label(forum):
    return f"{forum.summit.year} · {forum.title}"


@picker_label(Session, related=("forum__summit",))
def session_label(session):
    """"2024 · Opening Ceremony · November 19 09:30 · Presentation of the award", in Wuzhen time."""
    start = localtime(session.start)
    when = f"{date_format(start, 'MONTH_DAY_FORMAT')} {time_format(start, 'H:i')}"
    return f"{session.forum.summit.year} · {session.forum.title} · {when} · {session.title}"


@admin.register(ThemeGroup)
class ThemeGroupAdmin(WicTranslationAdmin):
    list_display = ["name", "summit", "order"]
    list_filter = [CurrentEditionFilter.for_field("summit")]
    search_fields = ["name_en", "name_zh_hans"]
    list_select_related = ["summit"]


class SessionInlineFormSet(BaseInlineFormSet):
    """Sessions edited together with their forum: checked against the forum as edited, and against each other."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.forum = self.instance
        return form

    def clean(self):
        super().clean()
        sessions = [
            form.instance
            for form in self.forms
            if form.is_valid() and not self._should_delete_form(form) and form.instance.start and form.instance.end
        ]
        for index, session in enumerate(sessions):
            room = session.room or self.instance.room
            for other in sessions[index + 1:]:
                other_room = other.room or self.instance.room
                if room and room == other_room and session.start < other.end and other.start < session.end:
                    raise ValidationError(
                        _("%(room)s cannot hold %(first)s and %(second)s at the same time.")
                        % {"room": room.name, "first": describe_slot(session), "second": describe_slot(other)}
                    )


class SessionInline(WicTabularInline):
    model = Session
    formset = SessionInlineFormSet
    fields = ["title_en", "title_zh_hans", "type", "start", "end", "room", "language", "status"]
    autocomplete_fields = ["room"]
    show_change_link = True
    ordering = ["start"]


@admin.register(Forum)
class ForumAdmin(SpreadsheetAdminMixin, ReviewMarkerAdminMixin, PublishableAdminMixin, WicTranslationAdmin):
    spreadsheet_resource = ForumResource
    list_display = ["title", "summit", "kind", "theme_group", "room", "start", "end", "status", "is_demo"]
    list_filter = [CurrentEditionFilter.for_field("summit"),
                   "kind", ("theme_group", edition_filter(summit_parameter="summit__id__exact")), "status",
                   "is_demo"]
    search_fields = ["title_en", "title_zh_hans", "slug", "host__name_en"]
    list_select_related = ["summit", "theme_group", "room__venue"]
    autocomplete_fields = ["summit", "theme_group", "host", "co_hosts", "room", "team_rooms"]
    prepopulated_fields = {"slug": ["title_en"]}
    date_hierarchy = "start"
    inlines = [SessionInline]
    actions = [*PublishableAdminMixin.actions, *ReviewMarkerAdminMixin.actions]
    fieldsets = [
        (None, {"fields": ["summit", "kind", "theme_group", "title_en", "title_zh_hans", "slug"]}),
        (gettext_lazy("Time and place"), {"fields": ["start", "end", "room", "team_rooms", "seat_quota",
                                                  "registration_mode"]}),
        (gettext_lazy("Hosts"), {"fields": ["host", "co_hosts"]}),
        (gettext_lazy("Description"), {"fields": ["description_en", "description_zh_hans"]}),
        (gettext_lazy("Publication"), {"fields": ["status", "order", "is_demo"]}),
    ]

