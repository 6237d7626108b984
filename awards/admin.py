from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy, ngettext

from core.admin import ConcurrencySafeForm, PublishableAdminMixin, WicAdmin, WicTabularInline, WicTranslationAdmin

from . import selectors, services
from .enums import NominationStatus
from .models import AwardCategory, AwardProgramme, JuryMember, Nomination, Review


class JuryCategoriesMixin:
    """A juror's categories must be the programme's: checked here since many-to-many values reach only the form."""

    def clean(self):
        cleaned_data = super().clean()
        if "programme" in self.fields:  # on its own page; in the programme's inline the programme is given
            if cleaned_data.get("programme") is None:
                return cleaned_data
            self.instance.programme = cleaned_data["programme"]
        if cleaned_data.get("categories"):
            try:
                self.instance.clean_categories(cleaned_data["categories"])
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned_data


class JuryMemberForm(JuryCategoriesMixin, ConcurrencySafeForm):
    pass


class JuryMemberInlineForm(JuryCategoriesMixin, forms.ModelForm):
    pass


class AwardCategoryInline(WicTabularInline):
    model = AwardCategory
    fields = ["name_en", "name_zh_hans", "slug", "order"]
    prepopulated_fields = {"slug": ["name_en"]}
    show_change_link = True


class JuryMemberInline(WicTabularInline):
    model = JuryMember
    form = JuryMemberInlineForm
    fields = ["name", "affiliation_en", "affiliation_zh_hans", "user", "is_chair", "categories"]
    autocomplete_fields = ["user", "categories"]
    show_change_link = True


@admin.register(AwardProgramme)
class AwardProgrammeAdmin(PublishableAdminMixin, WicTranslationAdmin):
    list_display = ["name", "summit", "kind", "nominations_open", "nominations_close", "status",
                    "laureates_announced_at", "is_demo"]
    list_filter = ["summit", "kind", "status", "is_demo"]
    search_fields = ["name_en", "name_zh_hans", "slug"]
    list_select_related = ["summit"]
    autocomplete_fields = ["summit", "ceremony_session"]
    prepopulated_fields = {"slug": ["name_en"]}
    readonly_fields = ["published_at", "laureates_announced_at"]
    date_hierarchy = "nominations_close"
    inlines = [AwardCategoryInline, JuryMemberInline]
    actions = [*PublishableAdminMixin.actions, "announce_laureates"]
    fieldsets = [
        (None, {"fields": ["summit", "kind", "name_en", "name_zh_hans", "slug", "order"]}),
        (gettext_lazy("Description"), {"fields": ["description_en", "description_zh_hans", "criteria_en",
                                                  "criteria_zh_hans"]}),
        (gettext_lazy("Nominations and ceremony"), {"fields": ["nominations_open", "nominations_close",
                                                               "ceremony_session"]}),
        (gettext_lazy("Publication"), {"fields": ["status", "published_at", "laureates_announced_at", "is_demo"]}),
    ]

    @admin.action(description=gettext_lazy("Announce the laureates (publishes the programme)"),
                  permissions=["change"])
    def announce_laureates(self, request, queryset):
        for programme in queryset:
            try:
                count = services.publish_laureates(programme=programme, actor=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                continue
            self.message_user(
                request,
                ngettext("%(programme)s: %(count)d laureate announced.",
                         "%(programme)s: %(count)d laureates announced.", count)
                % {"programme": programme, "count": count},
                messages.SUCCESS,
            )


class ReviewInlineFormSet(BaseInlineFormSet):
    """Reviews edited with their nomination are checked against the nomination as edited (its programme)."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.nomination = self.instance
        return form


class ReviewInline(admin.TabularInline):
    model = Review
    formset = ReviewInlineFormSet
    extra = 0
    fields = ["juror", "score", "conflict_of_interest", "comment", "submitted_at"]
    autocomplete_fields = ["juror"]


@admin.register(Nomination)
class NominationAdmin(WicTranslationAdmin):
    list_display = ["nominee_name", "organization", "title", "programme", "category", "status", "awarded_rank",
                    "mean_score", "review_count"]
    list_filter = ["programme__summit", "programme", "status", "nominee_kind", "is_demo"]
    search_fields = ["nominee_name_en", "nominee_name_zh_hans", "title_en", "title_zh_hans", "organization__name_en",
                     "organization__name_zh_hans", "nominated_by_name", "nominated_by_email"]
    list_select_related = ["programme", "category", "organization"]
    autocomplete_fields = ["programme", "category", "organization"]
    date_hierarchy = "submitted_at"
    inlines = [ReviewInline]
    actions = ["shortlist_selected", "award_selected", "reject_selected"]
    fieldsets = [
        (None, {"fields": ["programme", "category", "status", "awarded_rank"]}),
        (gettext_lazy("Nominee"), {"fields": ["nominee_kind", "nominee_name_en", "nominee_name_zh_hans",
                                              "organization", "country"]}),
        (gettext_lazy("Achievement"), {"fields": ["title_en", "title_zh_hans", "citation_en", "citation_zh_hans"]}),
        (gettext_lazy("Nominated by"), {"fields": ["nominated_by_name", "nominated_by_email", "submitted_at",
                                                   "is_demo"]}),
    ]

    def get_queryset(self, request):
        return selectors.with_scores(super().get_queryset(request))

    @admin.display(description=gettext_lazy("mean score"), ordering="mean_score")
    def mean_score(self, nomination):
        return None if nomination.mean_score is None else f"{nomination.mean_score:.2f}"

    @admin.display(description=gettext_lazy("reviews"), ordering="review_count")
    def review_count(self, nomination):
        return nomination.review_count

    def _set_status(self, request, queryset, status: NominationStatus):
        count = services.set_nomination_status(nominations=queryset, status=status, actor=request.user)
        self.message_user(
            request,
            ngettext("%(count)d nomination is now %(status)s.", "%(count)d nominations are now %(status)s.", count)
            % {"count": count, "status": status.label.lower()},
            messages.SUCCESS,
        )

    @admin.action(description=gettext_lazy("Shortlist selected nominations"), permissions=["change"])
    def shortlist_selected(self, request, queryset):
        self._set_status(request, queryset, NominationStatus.SHORTLISTED)

    @admin.action(description=gettext_lazy("Award selected nominations"), permissions=["change"])
    def award_selected(self, request, queryset):
        self._set_status(request, queryset, NominationStatus.AWARDED)

    @admin.action(description=gettext_lazy("Reject selected nominations"), permissions=["change"])
    def reject_selected(self, request, queryset):
        self._set_status(request, queryset, NominationStatus.REJECTED)


@admin.register(AwardCategory)
class AwardCategoryAdmin(WicTranslationAdmin):
    list_display = ["name", "programme", "order"]
    list_filter = ["programme__summit", "programme"]
    search_fields = ["name_en", "name_zh_hans", "slug", "programme__name_en", "programme__name_zh_hans"]
    list_select_related = ["programme"]
    autocomplete_fields = ["programme"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(JuryMember)
class JuryMemberAdmin(WicTranslationAdmin):
    form = JuryMemberForm
    list_display = ["name", "affiliation", "programme", "is_chair", "user"]
    list_filter = ["programme__summit", "programme", "is_chair"]
    search_fields = ["name", "affiliation_en", "affiliation_zh_hans", "user__username", "user__email"]
    list_select_related = ["programme", "user"]
    autocomplete_fields = ["programme", "user", "categories"]


@admin.register(Review)
class ReviewAdmin(WicAdmin):
    list_display = ["nomination", "juror", "score", "conflict_of_interest", "submitted_at"]
    list_filter = ["nomination__programme__summit", "nomination__programme", "conflict_of_interest"]
    search_fields = ["nomination__nominee_name_en", "nomination__nominee_name_zh_hans", "juror__name"]
    list_select_related = ["nomination__organization", "juror"]
    autocomplete_fields = ["nomination", "juror"]
    date_hierarchy = "submitted_at"
