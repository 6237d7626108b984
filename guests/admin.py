"""Guests and registrations. Personal data: the audit trail records which fields changed, never their values.

Registrations change status only through the actions, which call the services (seats, emails, audit); the
change form shows status and history read-only.
"""

import json

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_countries.filters import CountryFilter

from core.admin import WicAdmin
from core.enums import AuditAction
from core.models import OutgoingEmail
from core.services.audit import record_audit
from forums.models import Forum
from summits.admin_filters import CurrentEditionFilter
from summits.admin_spreadsheets import SpreadsheetAdminMixin
from summits.selectors import editions_newest_first, organizers_edition

from . import admin_invitations, services  # noqa: F401 - admin_invitations registers the Invitation admin
from .dashboard import summit_dashboard
from .exports import write_registrations_csv
from .models import ForumChoice, Guest, Registration
from .selectors import email_kind
from .services import privacy
from .spreadsheets import GuestResource


class RegistrationSummaryInline(admin.TabularInline):
    """The guest's registrations at a glance; each is edited on its own page."""

    model = Registration
    extra = 0
    fields = ["summit", "participation", "status", "created_at"]
    readonly_fields = fields
    ordering = ["-created_at"]
    show_change_link = True
    can_delete = False
    verbose_name_plural = gettext_lazy("registrations")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("summit")


@admin.register(Guest)
class GuestAdmin(WicAdmin):
    audit_values = False
    list_display = ["full_name", "email", "organization_name", "category", "country", "language", "created_at"]
    list_filter = ["category", ("country", CountryFilter)]
    search_fields = ["email", "full_name", "native_name", "organization_name"]
    date_hierarchy = "created_at"
    inlines = [RegistrationSummaryInline]
    actions = ["export_personal_data", "erase_personal_data"]

    def has_delete_permission(self, request, obj=None):
        """A guest is erased (personal data removed, seat counts kept), never deleted."""
        return False

    @admin.action(description=gettext_lazy("Export personal data (JSON)"), permissions=["view"])
    def export_personal_data(self, request, queryset):
        """Everything held on one guest, for an access request under PIPL or the GDPR."""
        guests = list(queryset[:2])
        if len(guests) != 1:
            self.message_user(request, _("Choose exactly one guest to export."), messages.ERROR)
            return None
        data = privacy.export_guest(guest=guests[0])
        # Who took a copy of someone's personal data, and when, belongs in the trail as much as any change.
        record_audit(actor=request.user, action=AuditAction.ACTION, obj=guests[0], note="exported", personal=True)
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="guest-{guests[0].pk}.json"'
        return response

    def has_erase_permission(self, request):
        """Erasing takes the right that deleting would: the Organizers group has it."""
        return request.user.has_perm("guests.delete_guest")

    @admin.action(description=gettext_lazy("Erase personal data"), permissions=["erase"])
    def erase_personal_data(self, request, queryset):
        """Asks first, like Django's delete; then erases each guest (see ``guests.services.privacy.erase_guest``)."""
        if request.POST.get("post") == "yes":
            count = 0
            for guest in queryset.order_by("pk"):
                privacy.erase_guest(guest=guest, actor=request.user)
                count += 1
            self.message_user(
                request,
                ngettext("The personal data of %d guest was erased.",
                         "The personal data of %d guests were erased.", count) % count,
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Erase personal data"),
            "opts": self.model._meta,
            "queryset": queryset.prefetch_related("registrations__summit"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/guests/guest/erase_confirmation.html", context)


class ForumFilter(admin.SimpleListFilter):
    """Registrations that chose a forum: the forums of the summit filtered on, else of every summit."""

    title = gettext_lazy("forum")
    parameter_name = "forum"
    summit_parameter = "summit__id__exact"

    def lookups(self, request, model_admin):
        forums = Forum.objects.select_related("summit").order_by("-summit__year", "start", "order", "pk")
        summit_id = request.GET.get(self.summit_parameter, "")
        if summit_id.isdigit():
            return [(str(forum.pk), forum.title) for forum in forums.filter(summit_id=summit_id)]
        return [(str(forum.pk), f"{forum.title} ({forum.summit.year})") for forum in forums]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if not self.value().isdigit():
            return queryset.none()
        # A registration chooses a forum at most once, so the join adds no duplicate rows.
        return queryset.filter(forum_choices__forum_id=self.value())


class ForumChoiceInline(admin.TabularInline):
    """Seats and waiting places, shown as they are: they change only through the seat rules (guests' own page,
    cancellations, rejections), never by hand, so no forum is overbooked from the admin."""

    model = ForumChoice
    extra = 0
    fields = ["forum", "seat_status", "waitlisted_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class OutgoingEmailInline(GenericTabularInline):
    """The emails written to the guest about this registration, and how their delivery went. Read-only."""

    model = OutgoingEmail
    extra = 0
    fields = ["created_at", "kind", "subject", "status", "attempts", "sent_at"]
    readonly_fields = fields
    ordering = ["created_at", "pk"]
    show_change_link = True
    can_delete = False
    verbose_name = gettext_lazy("email")
    verbose_name_plural = gettext_lazy("emails to the guest")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("kind"))
    def kind(self, email):
        return email_kind(email.key)


@admin.register(Registration)
class RegistrationAdmin(SpreadsheetAdminMixin, WicAdmin):
    audit_values = False
    spreadsheet_resource = GuestResource
    change_list_template = "admin/guests/registration/change_list.html"
    list_display = [
        "guest_name", "organisation", "country", "category", "participation", "status", "summit", "created_at",
    ]
    list_filter = [
        CurrentEditionFilter.for_field("summit"), "status", ("guest__country", CountryFilter), "guest__category",
        "participation", ForumFilter,
    ]
    search_fields = ["guest__email", "guest__full_name", "guest__native_name", "guest__organization_name"]
    list_select_related = ["guest", "summit"]
    autocomplete_fields = ["guest", "summit"]
    date_hierarchy = "created_at"
    inlines = [ForumChoiceInline, OutgoingEmailInline]
    actions = ["approve_selected", "reject_selected", "export_csv"]
    history_fields = ["created_at", "consented_at", "verified_at", "decided_at", "cancelled_at", "checked_in_at",
                      "badge_token"]
    fieldsets = [
        (None, {"fields": ["guest", "summit", "participation", "status", "needs"]}),
        (gettext_lazy("History"), {"fields": history_fields}),
    ]

    def get_readonly_fields(self, request, obj=None):
        readonly = ["status", *self.history_fields]
        if obj is None:  # a registration added by organizers records when the guest consented
            readonly.remove("consented_at")
        else:  # on-site or online decides whether a seat is held: it is chosen at registration
            readonly.append("participation")
        return readonly

    def spreadsheet_export_queryset(self, queryset):
        """The list's live registrations: cancelled and rejected ones left out (imported again, they would register
        their guests anew)."""
        return queryset.filter(status__in=services.ACTIVE_STATUSES)

    def has_delete_permission(self, request, obj=None):
        """Registrations are cancelled or rejected (which frees their seats for the waiting list), not deleted."""
        return False

    @admin.display(description=gettext_lazy("guest"), ordering="guest__full_name")
    def guest_name(self, registration):
        guest = registration.guest
        return f"{guest.full_name} ({guest.native_name})" if guest.native_name else guest.full_name

    @admin.display(description=gettext_lazy("organisation"), ordering="guest__organization_name")
    def organisation(self, registration):
        return registration.guest.organization_name

    @admin.display(description=gettext_lazy("country"), ordering="guest__country")
    def country(self, registration):
        return registration.guest.country.name

    @admin.display(description=gettext_lazy("category"), ordering="guest__category")
    def category(self, registration):
        return registration.guest.get_category_display()

    def _report_decision(self, request, *, changed: int, selected: int, done: str) -> None:
        skipped = selected - changed
        message = done % {"count": changed}
        if skipped:
            message += " " + ngettext(
                "%(count)d skipped: its status does not allow it.",
                "%(count)d skipped: their status does not allow it.",
                skipped,
            ) % {"count": skipped}
        self.message_user(request, message, messages.SUCCESS if changed else messages.WARNING)

    @admin.action(description=gettext_lazy("Approve (accredit) selected"), permissions=["change"])
    def approve_selected(self, request, queryset):
        selected = queryset.count()
        try:
            changed = services.approve_registrations(registrations=queryset, actor=request.user)
        except services.RegistrationError as refusal:
            self.message_user(request, " ".join(refusal.messages), messages.ERROR)
            return
        done = ngettext("%(count)d registration accredited.", "%(count)d registrations accredited.", changed)
        self._report_decision(request, changed=changed, selected=selected, done=done)

    @admin.action(description=gettext_lazy("Reject selected"), permissions=["change"])
    def reject_selected(self, request, queryset):
        selected = queryset.count()
        try:
            changed = services.reject_registrations(registrations=queryset, actor=request.user)
        except services.RegistrationError as refusal:
            self.message_user(request, " ".join(refusal.messages), messages.ERROR)
            return
        done = ngettext("%(count)d registration rejected.", "%(count)d registrations rejected.", changed)
        self._report_decision(request, changed=changed, selected=selected, done=done)

    @admin.action(description=gettext_lazy("Export selected as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="registrations-{timezone.localdate():%Y%m%d}.csv"'
        )
        write_registrations_csv(registrations=queryset, stream=response)
        return response

    def get_urls(self):
        return [
            path("dashboard/", self.admin_site.admin_view(self.dashboard_view), name="guests_registration_dashboard"),
            *super().get_urls(),
        ]

    def dashboard_view(self, request):
        """An edition's figures and charts: ``?summit=<id>``, by default the edition organizers work on
        (``summits.selectors.organizers_edition``: running or next, not the newest draft), as the lists open on."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        summits = list(editions_newest_first())
        summit_id = request.GET.get("summit", "")
        if summit_id:
            if not summit_id.isdigit():
                raise Http404
            summit = next((summit for summit in summits if summit.pk == int(summit_id)), None)
            if summit is None:
                raise Http404
        else:
            summit = organizers_edition(summits)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Guests of %(summit)s") % {"summit": summit} if summit else _("Guests"),
            "opts": self.model._meta,
            "summit": summit,
            "summits": summits,
            "dashboard": summit_dashboard(summit) if summit else None,
        }
        return TemplateResponse(request, "admin/guests/registration/dashboard.html", context)
