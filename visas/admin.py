"""The visa desk's review of letters. Only the "Visa desk" group holds this app's permissions: organizers do not
see passport data. Decisions go through the actions (services: audit, email); passport data are never in the CSV
export, and the audit trail records which fields changed, never their values."""

import csv

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_countries.filters import CountryFilter

from core import admin_reasons
from core.admin import WicAdmin
from core.admin_reasons import reason_page
from summits.admin_filters import CurrentEditionFilter

from . import letters, services
from .enums import LetterStatus
from .missions import mission_choices
from .models import VisaLetter

# The CSV export: what the desk tracks and hands to others, without passport number, expiry or date of birth.
CSV_COLUMNS = ("reference", "status", "surname", "given_names", "nationality", "mission", "arrival_date",
               "departure_date", "requested_at", "decided_at", "revoked_at", "summit")


class ReasonForm(admin_reasons.ReasonForm):
    reason = forms.CharField(label=gettext_lazy("Reason (the guest reads it)"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))


@admin.register(VisaLetter)
class VisaLetterAdmin(WicAdmin):
    audit_values = False
    list_display = ["reference", "holder", "nationality", "mission_name", "arrival_date", "departure_date", "status",
                    "requested_at"]
    list_filter = [CurrentEditionFilter.for_field("registration__summit"), "status", ("nationality", CountryFilter)]
    search_fields = ["reference", "surname", "given_names", "registration__guest__email",
                     "registration__guest__full_name"]
    list_select_related = ["registration__summit"]
    date_hierarchy = "requested_at"
    actions = ["approve_selected", "refuse_selected", "revoke_selected", "export_csv"]
    decision_fields = ["status", "decision_reason", "reference", "requested_at", "decided_by", "decided_at",
                       "revoked_at", "erased_at"]
    fieldsets = [
        (None, {"fields": ["registration", "reference", "status", "letter_pdf", "decision_reason"]}),
        (gettext_lazy("Passport"), {"fields": ["surname", "given_names", "nationality", "sex", "date_of_birth",
                                               "passport_number", "passport_expiry"]}),
        (gettext_lazy("Application"), {
            "fields": ["mission", "mission_other", "mission_name_en", "mission_name_zh", "arrival_date",
                       "departure_date"],
            "description": gettext_lazy(
                "When the guest chose another embassy or consulate, what they wrote is never printed: check it and "
                "write the mission's official names in English and in Chinese; the letter cannot be approved "
                "without them."),
        }),
        (gettext_lazy("History"), {"fields": ["requested_at", "decided_by", "decided_at", "revoked_at",
                                              "erased_at"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        """The guest's request is corrected by the desk only while it awaits a decision; the rest is the decisions'."""
        readonly = ["registration", "letter_pdf", *self.decision_fields]
        if obj is not None and obj.status != "requested":
            readonly += ["surname", "given_names", "nationality", "sex", "date_of_birth", "passport_number",
                         "passport_expiry", "mission", "mission_other", "mission_name_en", "mission_name_zh",
                         "arrival_date", "departure_date"]
        return readonly

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "mission":  # the list of missions, named in the page's language
            return forms.ChoiceField(label=db_field.verbose_name.capitalize(), choices=mission_choices,
                                     help_text=db_field.help_text)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_add_permission(self, request):
        """Letters are requested by guests from their own page."""
        return False

    def has_delete_permission(self, request, obj=None):
        """Letters are refused or revoked (their verification page says so), and erased with the guest."""
        return False

    def get_urls(self):
        return [
            path("<path:object_id>/letter/", self.admin_site.admin_view(self.letter_view),
                 name="visas_visaletter_letter"),
            *super().get_urls(),
        ]

    def letter_view(self, request, object_id):
        """The letter's PDF, opened in the browser, for the visa desk: a draft (marked "not valid") while requested,
        the letter itself once approved; nothing for a refused, revoked or erased letter."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        if not str(object_id).isdigit():
            raise Http404
        letter = get_object_or_404(VisaLetter.objects.select_related("registration__guest", "registration__summit"),
                                   pk=object_id)
        if letter.erased_at or letter.status not in (LetterStatus.REQUESTED, LetterStatus.APPROVED):
            raise Http404
        draft = letter.status == LetterStatus.REQUESTED
        response = HttpResponse(letters.letter_pdf(letter, draft=draft), content_type="application/pdf")
        name = f"{letter.reference or letter.pk}{'-draft' if draft else ''}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response

    @admin.display(description=gettext_lazy("letter (PDF)"))
    def letter_pdf(self, letter):
        if not letter.pk or letter.erased_at or letter.status not in (LetterStatus.REQUESTED,
                                                                      LetterStatus.APPROVED):
            return "—"
        url = reverse("admin:visas_visaletter_letter", kwargs={"object_id": letter.pk})
        label = _("Preview the draft (not valid)") if letter.status == LetterStatus.REQUESTED else _("Open the letter")
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, label)

    @admin.display(description=gettext_lazy("name (as in the passport)"), ordering="surname")
    def holder(self, letter):
        return letter.passport_name

    @admin.display(description=gettext_lazy("embassy or consulate"))
    def mission_name(self, letter):
        english, chinese = letter.mission_names
        return chinese if (translation.get_language() or "").startswith("zh") else english

    def _report(self, request, *, changed: int, selected: int, done: str) -> None:
        message = done % {"count": changed}
        if skipped := selected - changed:
            message += " " + ngettext("%(count)d skipped: its status does not allow it.",
                                      "%(count)d skipped: their status does not allow it.",
                                      skipped) % {"count": skipped}
        self.message_user(request, message, messages.SUCCESS if changed else messages.WARNING)

    @admin.action(description=gettext_lazy("Approve the selected letters (the guests are emailed)"),
                  permissions=["change"])
    def approve_selected(self, request, queryset):
        selected = list(queryset.order_by("pk"))
        changed, refused = 0, 0
        for letter in selected:
            try:
                changed += services.approve_letter(letter=letter, actor=request.user)
            except services.LetterRefused as refusal:
                refused += 1
                self.message_user(request, " ".join(refusal.messages), messages.ERROR)
        done = ngettext("%(count)d letter approved.", "%(count)d letters approved.", changed)
        self._report(request, changed=changed, selected=len(selected) - refused, done=done)

    def _with_reason(self, request, queryset, *, action: str, title: str, intro: str, button: str, decide, done):
        """First a page asking for the reason (quoted in the guest's email), then the decision."""
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            letters = list(queryset.order_by("pk"))
            changed = sum(decide(letter, form.cleaned_data["reason"]) for letter in letters)
            self._report(request, changed=changed, selected=len(letters), done=done(changed))
            return None
        return reason_page(
            self, request, queryset.order_by("pk"), form=form, action=action, title=title, intro=intro,
            button=button,
            describe=lambda letter: f"{letter} · {letter.passport_name} ({letter.get_status_display()})",
        )

    @admin.action(description=gettext_lazy("Refuse the selected requests (with a reason)"), permissions=["change"])
    def refuse_selected(self, request, queryset):
        return self._with_reason(
            request, queryset, action="refuse_selected", title=_("Refuse visa letter requests"),
            intro=_("These requests will be refused and the guests told by email, with the reason:"),
            button=_("Refuse"),
            decide=lambda letter, reason: services.refuse_letter(letter=letter, actor=request.user, reason=reason),
            done=lambda count: ngettext("%(count)d request refused.", "%(count)d requests refused.", count),
        )

    @admin.action(description=gettext_lazy("Revoke the selected letters (with a reason)"), permissions=["change"])
    def revoke_selected(self, request, queryset):
        return self._with_reason(
            request, queryset, action="revoke_selected", title=_("Revoke visa letters"),
            intro=_("These letters will be revoked: their verification page will say so, and the guests are told by "
                    "email, with the reason:"),
            button=_("Revoke"),
            decide=lambda letter, reason: services.revoke_letter(letter=letter, actor=request.user, reason=reason),
            done=lambda count: ngettext("%(count)d letter revoked.", "%(count)d letters revoked.", count),
        )

    @admin.action(description=gettext_lazy("Export selected as CSV (without passport data)"), permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="visa-letters-{timezone.localdate():%Y%m%d}.csv"'
        response.write("\ufeff")  # Excel opens UTF-8 (Chinese names) only with the byte order mark
        writer = csv.writer(response)
        writer.writerow(CSV_COLUMNS)
        for letter in queryset.select_related("registration__summit").order_by("pk"):
            writer.writerow([
                letter.reference, letter.status, letter.surname, letter.given_names, letter.nationality.code,
                letter.mission_names[0], letter.arrival_date, letter.departure_date, letter.requested_at,
                letter.decided_at or "", letter.revoked_at or "", letter.registration.summit.year,
            ])
        return response
