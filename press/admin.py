"""The press office's review: applications listed and read, the letter of assignment downloaded (staff with the
right to view accreditations only: it lives in private storage, which has no URL), and decided with the actions,
which call the services. What the journalist sent is kept as sent; the status changes only through the actions.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from django_countries.filters import CountryFilter

from core.admin import WicAdmin
from core.admin_reasons import reason_page
from summits.admin_filters import CurrentEditionFilter
from summits.selectors import editions_newest_first, organizers_edition

from . import selectors, services
from .forms import RejectionForm
from .models import PressAccreditation

APPLICATION_FIELDS = ["media_outlet", "outlet_country", "outlet_website", "role", "press_card_number",
                      "press_card_authority", "letter", "equipment"]
DECISION_FIELDS = ["status", "rejection_reason", "reviewer", "decided_at", "created_at"]


@admin.register(PressAccreditation)
class PressAccreditationAdmin(WicAdmin):
    audit_values = False  # personal data: the trail names the fields changed, never their values
    change_list_template = "admin/press/pressaccreditation/change_list.html"
    list_display = ["journalist", "media_outlet", "outlet_country", "role", "status", "registration_status",
                    "summit", "created_at"]
    list_filter = [CurrentEditionFilter.for_field("registration__summit"), "status", "role",
                   ("outlet_country", CountryFilter)]
    search_fields = ["registration__guest__email", "registration__guest__full_name",
                     "registration__guest__native_name", "media_outlet", "press_card_number"]
    list_select_related = ["registration__guest", "registration__summit"]
    date_hierarchy = "created_at"
    actions = ["accredit_selected", "reject_selected", "withdraw_selected"]
    fieldsets = [
        (pgettext_lazy("person", "Journalist"), {"fields": ["journalist", "email", "phone", "country", "language"]}),
        (gettext_lazy("Assignment"), {"fields": APPLICATION_FIELDS}),
        (gettext_lazy("Decision"), {"fields": DECISION_FIELDS}),
    ]
    readonly_fields = ["journalist", "email", "phone", "country", "language", *APPLICATION_FIELDS, *DECISION_FIELDS]

    def has_add_permission(self, request):
        """Journalists apply on the press form, which registers them as guests too."""
        return False

    def has_delete_permission(self, request, obj=None):
        """Applications are rejected or withdrawn, and erased with the guest; never deleted."""
        return False

    @admin.display(description=gettext_lazy("journalist"), ordering="registration__guest__full_name")
    def journalist(self, accreditation):
        guest = accreditation.registration.guest
        return f"{guest.full_name} ({guest.native_name})" if guest.native_name else guest.full_name

    @admin.display(description=gettext_lazy("email"))
    def email(self, accreditation):
        return accreditation.registration.guest.email

    @admin.display(description=gettext_lazy("phone"))
    def phone(self, accreditation):
        return accreditation.registration.guest.phone

    @admin.display(description=gettext_lazy("country or region"))
    def country(self, accreditation):
        return accreditation.registration.guest.country.name

    @admin.display(description=gettext_lazy("language"))
    def language(self, accreditation):
        return accreditation.registration.guest.get_language_display()

    @admin.display(description=gettext_lazy("registration"), ordering="registration__status")
    def registration_status(self, accreditation):
        return accreditation.registration.get_status_display()

    @admin.display(description=gettext_lazy("summit"), ordering="registration__summit__year")
    def summit(self, accreditation):
        return accreditation.registration.summit

    @admin.display(description=gettext_lazy("reviewed by"))
    def reviewer(self, accreditation):
        """The account's name as text: the press office may not open accounts."""
        return accreditation.reviewed_by.get_username() if accreditation.reviewed_by else "—"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Everything on the page is read-only (the decisions are the list's actions): no save buttons."""
        extra_context = {**(extra_context or {}), "show_save": False, "show_save_and_continue": False,
                         "show_save_and_add_another": False}
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=gettext_lazy("letter of assignment"))
    def letter(self, accreditation):
        if not accreditation.pk or not accreditation.letter_of_assignment:
            return "—"
        url = reverse("admin:press_pressaccreditation_letter", kwargs={"object_id": accreditation.pk})
        return format_html('<a href="{}">{}</a>', url, _("Download"))

    def _report(self, request, *, done: int, selected: int, message: str) -> None:
        text = message % {"count": done}
        if selected - done:
            text += " " + ngettext(
                "%(count)d skipped: its status does not allow it.",
                "%(count)d skipped: their status does not allow it.", selected - done,
            ) % {"count": selected - done}
        self.message_user(request, text, messages.SUCCESS if done else messages.WARNING)

    @admin.action(description=gettext_lazy("Accredit the selected journalists"), permissions=["change"])
    def accredit_selected(self, request, queryset):
        selected = queryset.count()  # before: a list filtered by status no longer holds the rows decided
        try:
            done = services.accredit(accreditations=queryset, actor=request.user)
        except services.PressError as refusal:
            self.message_user(request, " ".join(refusal.messages), messages.ERROR)
            return
        self._report(request, done=done, selected=selected, message=ngettext(
            "%(count)d journalist accredited: their press badge is ready and an email is on its way.",
            "%(count)d journalists accredited: their press badges are ready and emails are on their way.", done))

    @admin.action(description=gettext_lazy("Reject the selected applications"), permissions=["change"])
    def reject_selected(self, request, queryset):
        """First a page asking for the reason (quoted in the email), then the rejection."""
        form = RejectionForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            selected = queryset.count()
            try:
                done = services.reject(accreditations=queryset, actor=request.user,
                                       reason=form.cleaned_data["reason"])
            except services.PressError as refusal:
                self.message_user(request, " ".join(refusal.messages), messages.ERROR)
                return None
            self._report(request, done=done, selected=selected, message=ngettext(
                "%(count)d application rejected.", "%(count)d applications rejected.", done))
            return None
        return reason_page(
            self, request, queryset.select_related("registration__guest"), form=form, action="reject_selected",
            title=_("Reject press applications"), button=_("Reject"),
            intro=_("These applications will be rejected, their guest registrations too, and the journalists told "
                    "by email with your reason:"),
            describe=lambda accreditation: f"{accreditation} ({accreditation.get_status_display()})",
        )

    @admin.action(description=gettext_lazy("Record that the selected journalists withdrew"), permissions=["change"])
    def withdraw_selected(self, request, queryset):
        selected = queryset.count()
        done = services.withdraw(accreditations=queryset, actor=request.user)
        self._report(request, done=done, selected=selected, message=ngettext(
            "%(count)d accreditation withdrawn.", "%(count)d accreditations withdrawn.", done))

    def get_urls(self):
        return [
            path("<path:object_id>/letter/", self.admin_site.admin_view(self.letter_view),
                 name="press_pressaccreditation_letter"),
            path("press-conferences/", self.admin_site.admin_view(self.press_conferences_view),
                 name="press_pressaccreditation_conferences"),
            *super().get_urls(),
        ]

    def letter_view(self, request, object_id):
        """The letter of assignment, as an attachment, to staff who may view accreditations."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        if not str(object_id).isdigit():
            raise Http404
        accreditation = get_object_or_404(PressAccreditation, pk=object_id)
        if not accreditation.letter_of_assignment:
            raise Http404
        try:
            handle = accreditation.letter_of_assignment.open("rb")
        except FileNotFoundError:  # the row outlived its file (storage restored from an older backup)
            raise Http404 from None
        return FileResponse(handle, as_attachment=True,
                            filename=accreditation.letter_of_assignment.name.rsplit("/", 1)[-1])

    def press_conferences_view(self, request):
        """An edition's press conferences, each with the accredited journalists who may attend (all of them):
        ``?summit=<id>``, by default the edition organizers work on."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        summits = list(editions_newest_first())
        summit_id = request.GET.get("summit", "")
        if summit_id:
            summit = next((summit for summit in summits if str(summit.pk) == summit_id), None)
            if summit is None:
                raise Http404
        else:
            summit = organizers_edition(summits)
        return TemplateResponse(request, "admin/press/pressaccreditation/press_conferences.html", {
            **self.admin_site.each_context(request),
            "title": _("Press conferences of %(summit)s") % {"summit": summit} if summit else _("Press conferences"),
            "opts": self.model._meta,
            "summit": summit,
            "summits": summits,
            "press_conferences": list(selectors.press_conferences(summit)) if summit else [],
            "journalists": list(selectors.accredited_journalists(summit)) if summit else [],
        })
