from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext_lazy

from core.admin import (
    ConcurrencySafeForm,
    PublishableAdminMixin,
    ReadOnlyAdminMixin,
    WicAdmin,
    WicTabularInline,
    WicTranslationAdmin,
)
from core.admin_choices import LabelledPickersMixin, edition_filter, picker_label
from core.admin_review import ReviewMarkerAdminMixin, ReviewMarkerInlineMixin
from summits.admin_filters import CurrentEditionFilter

from . import selectors, services
from .enums import NominationStatus, ProgrammeKind
from .models import (
    AwardCategory,
    AwardProgramme,
    ConflictOfInterest,
    JuryMember,
    Nomination,
    NominationDocument,
    Review,
    ReviewCriterion,
    ReviewRound,
    ReviewScore,
    TeamMember,
)


# Each edition has its "Straight to Wuzhen" competition, its "Digital Economy" track and its jurors, often the same
# people: the pickers and filters say which edition (core/admin_choices.py).
@picker_label(AwardProgramme, related=("summit",))
def programme_label(programme):
    return f"{programme.summit.year} · {programme.name}"


@picker_label(AwardCategory, related=("programme__summit",))
def category_label(category):
    return f"{category.programme.summit.year} · {category.programme.name} · {category.name}"


@picker_label(ReviewRound, related=("programme__summit",))
def round_label(round):
    return f"{round.programme.summit.year} · {round}"


@picker_label(Nomination, related=("programme__summit",))
def nomination_label(nomination):
    return f"{nomination.programme.summit.year} · {nomination.programme.name} · {nomination}"


@picker_label(JuryMember, related=("programme__summit",))
def juror_label(juror):
    return f"{juror.name} ({juror.programme.summit.year} · {juror.programme.name})"


PROGRAMME_OF_EDITION = edition_filter(summit_parameter="programme__summit__id__exact")
NOMINATIONS_PROGRAMME_OF_EDITION = edition_filter(summit_parameter="nomination__programme__summit__id__exact")


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


class ReviewRoundForm(ConcurrencySafeForm):
    """A round's entries must be its programme's nominations, or its ranking (and the awards given from it) would
    take another programme's."""

    def clean(self):
        cleaned_data = super().clean()
        programme, entries = cleaned_data.get("programme"), cleaned_data.get("entries")
        if programme is not None and entries:
            foreign = [str(entry) for entry in entries if entry.programme_id != programme.pk]
            if foreign:
                self.add_error("entries", gettext("Not nominations of this programme: %(names)s.")
                               % {"names": ", ".join(foreign)})
        return cleaned_data


class AwardCategoryInline(ReviewMarkerInlineMixin, WicTabularInline):
    model = AwardCategory
    fields = ["name_en", "name_zh_hans", "slug", "order", "review_marker"]
    readonly_fields = ["review_marker"]
    prepopulated_fields = {"slug": ["name_en"]}
    show_change_link = True


class AccountFieldMixin:
    """A juror's account is given by "Invite to sign in"; only those who may see accounts pick one by hand. The
    organizers may not list accounts (the picker could not search, and a link to the account would be refused):
    they see the account's name and state in "sign-in" instead."""

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if not request.user.has_perm("auth.view_user"):
            fields = [name for name in fields if name != "user"]
        return fields


class JuryMemberInline(AccountFieldMixin, WicTabularInline):
    model = JuryMember
    form = JuryMemberInlineForm
    fields = ["name", "email", "affiliation_en", "affiliation_zh_hans", "user", "language", "is_chair",
              "categories"]
    autocomplete_fields = ["user", "categories"]
    show_change_link = True


class ReviewCriterionInline(WicTabularInline):
    model = ReviewCriterion
    fields = ["name_en", "name_zh_hans", "description_en", "description_zh_hans", "weight", "order"]


class ReviewRoundInline(admin.TabularInline):
    model = ReviewRound
    extra = 0
    fields = ["stage", "order", "places_per_category", "opened_at", "closed_at"]
    readonly_fields = ["opened_at", "closed_at"]
    show_change_link = True


@admin.register(AwardProgramme)
class AwardProgrammeAdmin(ReviewMarkerAdminMixin, PublishableAdminMixin, WicTranslationAdmin):
    list_display = ["name", "summit", "kind", "nominations_open", "nominations_close", "status",
                    "laureates_announced_at", "is_demo"]
    list_filter = [CurrentEditionFilter.for_field("summit"), "kind", "status", "is_demo"]
    search_fields = ["name_en", "name_zh_hans", "slug"]
    list_select_related = ["summit"]
    autocomplete_fields = ["summit", "ceremony_session"]
    prepopulated_fields = {"slug": ["name_en"]}
    readonly_fields = ["published_at", "laureates_announced_at"]
    date_hierarchy = "nominations_close"
    inlines = [AwardCategoryInline, ReviewCriterionInline, JuryMemberInline, ReviewRoundInline]
    actions = [*PublishableAdminMixin.actions, *ReviewMarkerAdminMixin.actions, "announce_laureates"]
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
    """Reviews are the jurors' own (entered on their pages, through the rules of the review): read here."""

    model = Review
    formset = ReviewInlineFormSet
    extra = 0
    fields = ["round", "juror", "score", "comment", "submitted_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0
    fields = ["name", "role", "email", "country", "is_leader", "order"]


class NominationDocumentInline(admin.TabularInline):
    """Documents live in private storage, which has no URL: a plain file input, and a link through the site's
    document view (organizers and the entry's jurors only)."""

    model = NominationDocument
    extra = 0
    fields = ["file", "title", "download", "size"]
    readonly_fields = ["download", "size"]
    formfield_overrides = {models.FileField: {"widget": forms.FileInput}}

    @admin.display(description=gettext_lazy("download"))
    def download(self, document):
        if not document.pk:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("awards:jury-document", kwargs={"document_id": document.pk}),
                           document)


class ConflictInline(LabelledPickersMixin, admin.TabularInline):
    model = ConflictOfInterest
    extra = 0
    fields = ["juror", "reason", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["juror"]


@admin.register(Nomination)
class NominationAdmin(WicTranslationAdmin):
    list_display = ["nominee_name", "organization", "title", "programme", "category", "status", "awarded_rank",
                    "mean_score", "review_count"]
    list_filter = [CurrentEditionFilter.for_field("programme__summit"),
                   ("programme", PROGRAMME_OF_EDITION), "status", "nominee_kind", "is_demo"]
    search_fields = ["nominee_name_en", "nominee_name_zh_hans", "title_en", "title_zh_hans", "organization__name_en",
                     "organization__name_zh_hans", "nominated_by_name", "nominated_by_email"]
    list_select_related = ["programme", "category", "organization"]
    autocomplete_fields = ["programme", "category", "organization"]
    date_hierarchy = "submitted_at"
    inlines = [TeamMemberInline, NominationDocumentInline, ConflictInline, ReviewInline]
    actions = ["shortlist_selected", "award_selected", "reject_selected"]
    readonly_fields = ["review_progress"]
    fieldsets = [
        (None, {"fields": ["programme", "category", "status", "awarded_rank", "review_progress"]}),
        (gettext_lazy("Nominee"), {"fields": ["nominee_kind", "nominee_name_en", "nominee_name_zh_hans",
                                              "organization", "country"]}),
        (gettext_lazy("Achievement"), {"fields": ["title_en", "title_zh_hans", "citation_en", "citation_zh_hans"]}),
        (gettext_lazy("Nominated by"), {"fields": ["nominated_by_name", "nominated_by_email",
                                                   "nominated_by_organization", "nominated_by_phone", "language",
                                                   "submitted_at", "is_demo"]}),
    ]
    # A competition's entry in its own words: a team and its project, sent by the team leader.
    entry_sections = [None, gettext_lazy("Team"), gettext_lazy("Project"), gettext_lazy("Team leader")]
    entry_labels = {"category": gettext_lazy("track"), "nominee_name": gettext_lazy("team name"),
                    "title": gettext_lazy("project"),
                    "citation": gettext_lazy("project description"),
                    "nominated_by_name": gettext_lazy("team leader"),
                    "nominated_by_email": gettext_lazy("team leader's email"),
                    "nominated_by_organization": gettext_lazy("team's organisation"),
                    "nominated_by_phone": gettext_lazy("team leader's phone")}

    def get_queryset(self, request):
        return selectors.with_scores(super().get_queryset(request))

    @staticmethod
    def _is_entry(obj) -> bool:
        return obj is not None and obj.programme.kind == ProgrammeKind.COMPETITION

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self._is_entry(obj):
            return fieldsets
        names = self.entry_sections
        return [(names[index] if index < len(names) else name, options)
                for index, (name, options) in enumerate(fieldsets)]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if self._is_entry(obj):
            for name, field in form.base_fields.items():
                for suffix, language in (("_en", " [en]"), ("_zh_hans", " [zh-hans]"), ("", "")):
                    if name.endswith(suffix) and name.removesuffix(suffix) in self.entry_labels:
                        field.label = capfirst(f"{self.entry_labels[name.removesuffix(suffix)]}{language}")
                        if name.startswith("nominee_name"):
                            field.help_text = ""  # it speaks of a person or an organisation nominated
                        break
        return form

    def change_view(self, request, object_id, form_url="", extra_context=None):
        nomination = self.get_object(request, object_id)
        if self._is_entry(nomination):
            extra_context = {**(extra_context or {}), "title": gettext("Change entry")}
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=gettext_lazy("mean score"), ordering="mean_score")
    def mean_score(self, nomination):
        return selectors.cents(nomination.mean_score)  # of the reviews' unrounded scores

    @admin.display(description=gettext_lazy("progress in the review"))
    def review_progress(self, nomination):
        if not nomination.pk:
            return "—"
        return selectors.programme_rounds(nomination.programme_id).progress(nomination) or "—"

    @admin.display(description=pgettext_lazy("number of", "reviews"), ordering="review_count")
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
class AwardCategoryAdmin(ReviewMarkerAdminMixin, WicTranslationAdmin):
    list_display = ["name", "programme", "order"]
    list_filter = [CurrentEditionFilter.for_field("programme__summit"), ("programme", PROGRAMME_OF_EDITION)]
    search_fields = ["name_en", "name_zh_hans", "slug", "programme__name_en", "programme__name_zh_hans"]
    list_select_related = ["programme"]
    autocomplete_fields = ["programme"]
    prepopulated_fields = {"slug": ["name_en"]}
    actions = ReviewMarkerAdminMixin.actions


def _when(moment) -> str:
    return date_format(localtime(moment), "DATETIME_FORMAT")


@admin.register(JuryMember)
class JuryMemberAdmin(AccountFieldMixin, WicTranslationAdmin):
    """Jurors, and their accounts: "Invite to sign in" makes (or finds, by the juror's email) the account and emails
    the juror a link to choose its password; the list's description and each juror's page say how."""

    form = JuryMemberForm
    list_display = ["name", "email", "affiliation", "programme", "is_chair", "account"]
    list_filter = [CurrentEditionFilter.for_field("programme__summit"),
                   ("programme", PROGRAMME_OF_EDITION), "is_chair"]
    search_fields = ["name", "email", "affiliation_en", "affiliation_zh_hans", "user__username", "user__email"]
    list_select_related = ["programme", "user"]
    autocomplete_fields = ["programme", "user", "categories"]
    fields = ["programme", "name", "email", "affiliation_en", "affiliation_zh_hans", "language", "is_chair",
              "categories", "user", "account"]
    readonly_fields = ["account"]
    actions = ["invite_to_sign_in"]

    def get_urls(self):
        return [
            path("<path:object_id>/invite/", self.admin_site.admin_view(self.invite_view),
                 name="awards_jurymember_invite"),
            *super().get_urls(),
        ]

    def has_invite_permission(self, request, obj=None):
        return request.user.has_perm("awards.invite_jurymember")

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}),
                         "can_invite": object_id is not None and self.has_invite_permission(request)}
        return super().changeform_view(request, object_id, form_url, extra_context)

    @admin.display(description=gettext_lazy("sign-in"))
    def account(self, seat):
        if seat.pk is None:
            return "—"
        if seat.user is not None and seat.user.has_usable_password():
            return gettext("Signs in as %(username)s") % {"username": seat.user.get_username()}
        valid_until = services.invitation_valid_until(seat)
        if valid_until is None:
            return gettext("No account yet: invite them to sign in")
        if valid_until > timezone.now():
            return gettext("Invited on %(sent)s; their link works until %(until)s") % {
                "sent": _when(seat.invited_at), "until": _when(valid_until)}
        return gettext("Invited on %(sent)s; the link has expired: invite them again") % {
            "sent": _when(seat.invited_at)}

    def _invite(self, request, seat) -> None:
        try:
            invitation = services.invite_juror(seat=seat, actor=request.user)
        except ValidationError as refused:
            self.message_user(request, " ".join(refused.messages), messages.ERROR)
            return
        seat = invitation.seat
        if invitation.outcome == services.InvitationOutcome.SENT:
            self.message_user(request, gettext(
                "%(juror)s: invitation sent to %(email)s. The link in it works until %(until)s: they choose a "
                "password, then sign in and find their jury page.") % {
                "juror": seat.name, "email": invitation.email.to if invitation.email else seat.email,
                "until": _when(invitation.valid_until)}, messages.SUCCESS)
        elif invitation.outcome == services.InvitationOutcome.ALREADY_SENT:
            self.message_user(request, gettext(
                "%(juror)s was invited on %(sent)s and the link works until %(until)s: nothing sent again.") % {
                "juror": seat.name, "sent": _when(seat.invited_at), "until": _when(invitation.valid_until)},
                messages.WARNING)
        else:
            self.message_user(request, gettext(
                "%(juror)s already has an account with a password (%(username)s): they sign in with it. Nothing "
                "sent.") % {"juror": seat.name, "username": seat.user.get_username()}, messages.INFO)

    @admin.action(description=gettext_lazy("Invite to sign in (emails a link to choose a password)"),
                  permissions=["invite"])
    def invite_to_sign_in(self, request, queryset):
        for seat in queryset.order_by("pk"):
            self._invite(request, seat)

    def invite_view(self, request, object_id):
        """The button on a juror's page: the same as the action, for this juror (POST only)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        seat = self.get_object(request, object_id)
        if seat is None or not self.has_invite_permission(request, seat):
            raise PermissionDenied
        self._invite(request, seat)
        return redirect("admin:awards_jurymember_change", seat.pk)


class ReviewScoreInline(admin.TabularInline):
    model = ReviewScore
    extra = 0
    fields = ["criterion", "score"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdminMixin, WicAdmin):
    """The jurors' reviews, for organizers to read: they are entered and changed by jurors only."""

    list_display = ["nomination", "juror", "round", "score", "submitted_at"]
    list_filter = [CurrentEditionFilter.for_field("nomination__programme__summit"),
                   ("nomination__programme", NOMINATIONS_PROGRAMME_OF_EDITION),
                   "round__stage"]
    search_fields = ["nomination__nominee_name_en", "nomination__nominee_name_zh_hans", "juror__name"]
    list_select_related = ["nomination__organization", "juror", "round__programme"]
    date_hierarchy = "submitted_at"
    fields = ["round", "nomination", "juror", "score", "comment", "submitted_at"]
    inlines = [ReviewScoreInline]



@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(WicAdmin):
    list_display = ["nomination", "juror", "created_at"]
    list_filter = [CurrentEditionFilter.for_field("nomination__programme__summit"),
                   ("nomination__programme", NOMINATIONS_PROGRAMME_OF_EDITION)]
    search_fields = ["nomination__nominee_name_en", "nomination__nominee_name_zh_hans", "juror__name"]
    list_select_related = ["nomination__organization", "juror"]
    autocomplete_fields = ["nomination", "juror"]


@admin.register(ReviewRound)
class ReviewRoundAdmin(WicAdmin):
    """Rounds are opened, closed and followed by advancement or awards through actions; the ranking is live here
    (organizers see scores as they come; jurors only once the round closes)."""

    list_display = ["__str__", "stage", "order", "places_per_category", "entry_count", "opened_at", "closed_at"]
    list_filter = [CurrentEditionFilter.for_field("programme__summit"), "programme__kind", "stage"]
    form = ReviewRoundForm
    search_fields = ["programme__name_en", "programme__name_zh_hans"]
    list_select_related = ["programme"]
    autocomplete_fields = ["programme", "entries"]
    readonly_fields = ["opened_at", "closed_at", "ranking"]
    fields = ["programme", "stage", "order", "places_per_category", "entries", "opened_at", "closed_at", "ranking"]
    actions = ["open_selected", "close_selected", "advance_selected", "award_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(entry_total=models.Count("entries"))

    @admin.display(description=pgettext_lazy("number of", "entries"), ordering="entry_total")
    def entry_count(self, round):
        return round.entry_total

    @admin.display(description=gettext_lazy("ranking by mean score"))
    def ranking(self, round):
        if not round.pk:
            return "—"
        ranking = selectors.with_outcomes(round, selectors.round_ranking(round))
        return render_to_string("admin/awards/round_ranking.html", {"ranking": ranking})

    def _each(self, request, queryset, step, done):
        for round in queryset.order_by("programme", "order"):
            try:
                result = step(round=round, actor=request.user)
            except ValidationError as error:
                self.message_user(request, f"{round}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(request, f"{round}: {done(result)}", messages.SUCCESS)

    @admin.action(description=gettext_lazy("Open the selected rounds to the jury"), permissions=["change"])
    def open_selected(self, request, queryset):
        self._each(request, queryset, services.open_round,
                   lambda count: ngettext("opened with %d entry.", "opened with %d entries.", count) % count)

    @admin.action(description=gettext_lazy("Close the selected rounds (scores become final)"), permissions=["change"])
    def close_selected(self, request, queryset):
        self._each(request, queryset, services.close_round, lambda _round: gettext("closed."))

    @admin.action(description=gettext_lazy("Advance the best entries to the next round"), permissions=["change"])
    def advance_selected(self, request, queryset):
        self._each(request, queryset, services.advance_top_entries, _advancement_message)

    @admin.action(description=gettext_lazy("Award the best entries of the last round"), permissions=["change"])
    def award_selected(self, request, queryset):
        self._each(request, queryset, services.award_from_ranking, _advancement_message)


def _advancement_message(advancement) -> str:
    message = ngettext("%d entry chosen.", "%d entries chosen.", advancement.count) % advancement.count
    if advancement.ties_at_cut:
        message += " " + gettext("Tied at the last place, all taken: %(categories)s.") % {
            "categories": ", ".join(name or "—" for name in advancement.ties_at_cut)}
    return message
