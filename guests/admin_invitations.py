"""Invitations in the admin: the list with its filters, one added at a time (sent on save if "Send now" is ticked,
as pretix and Indico send), the actions (send or send again, remind, revoke) and the bulk import from a CSV or XLSX
file with its preview. Every change of status goes through the services (seats, emails, audit)."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_countries.filters import CountryFilter

from core.admin import WicAdmin
from core.forms import single_line
from core.text import without_bidi_controls
from summits.admin_filters import CurrentEditionFilter
from summits.models import Summit
from summits.selectors import editions_newest_first, organizers_edition

from . import invitation_import, services
from .enums import LIVE_INVITATION_STATUSES, InvitationStatus
from .models import Invitation

IMPORT_SALT = "wic.guests.invitation-import"


class InvitationAdminForm(forms.ModelForm):
    send_now = forms.BooleanField(
        label=gettext_lazy("Send the invitation when saving"), required=False, initial=True,
        help_text=gettext_lazy("Unticked, the invitation waits: send it later with the list's action."),
    )

    class Meta:
        model = Invitation
        fields = ["summit", "email", "full_name", "native_name", "title", "organization_name", "category", "country",
                  "language", "protocol_level", "reserved_forums", "hold_until", "note"]

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    # Names and the organisation as the public forms clean them: one line, without the bidirectional controls that
    # would show them reversed in the list and carry into the invitation email; the note keeps its lines.
    def clean_full_name(self) -> str:
        return single_line(self.cleaned_data["full_name"])

    def clean_native_name(self) -> str:
        return single_line(self.cleaned_data["native_name"])

    def clean_title(self) -> str:
        return single_line(self.cleaned_data["title"])

    def clean_organization_name(self) -> str:
        return single_line(self.cleaned_data["organization_name"])

    def clean_note(self) -> str:
        return without_bidi_controls(self.cleaned_data["note"])

    def clean(self):
        cleaned = super().clean()
        summit, forums, hold_until = cleaned.get("summit"), cleaned.get("reserved_forums"), cleaned.get("hold_until")
        email = cleaned.get("email") or self.instance.email
        summit = summit or (self.instance.summit if self.instance.summit_id else None)
        # The database's constraint names the status, which the form does not edit: Django would skip it.
        if summit and email and self.instance.status in LIVE_INVITATION_STATUSES and (
            Invitation.objects.filter(summit=summit, email__iexact=email, status__in=LIVE_INVITATION_STATUSES)
            .exclude(pk=self.instance.pk).exists()
        ):
            self.add_error("email" if "email" in self.fields else None,
                           _("This address already has a live invitation to this summit."))
        if summit and forums is not None:
            allowed = set(services.registrable_forums(summit).values_list("pk", flat=True))
            if any(forum.pk not in allowed for forum in forums):
                self.add_error("reserved_forums", _("Reserve only published forums of this summit open to guests."))
        if summit and hold_until and self.instance.status == InvitationStatus.PENDING:
            if hold_until <= timezone.now():
                self.add_error("hold_until", _("The hold deadline must be in the future."))
            probe = Invitation(summit=summit, hold_until=hold_until)
            if probe.link_expires_at < hold_until:
                self.add_error("hold_until", _("The hold deadline cannot be after the summit's last day."))
        return cleaned


class ImportForm(forms.Form):
    summit = forms.ModelChoiceField(label=gettext_lazy("Summit"), queryset=Summit.objects.none())
    file = forms.FileField(label=gettext_lazy("File (CSV or XLSX)"))
    send = forms.BooleanField(label=gettext_lazy("Send the invitations once imported"), required=False,
                              initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        summits = list(editions_newest_first())
        self.fields["summit"].queryset = Summit.objects.filter(pk__in=[summit.pk for summit in summits])
        current = organizers_edition(summits)
        if current is not None:
            self.fields["summit"].initial = current.pk


@admin.register(Invitation)
class InvitationAdmin(WicAdmin):
    audit_values = False
    form = InvitationAdminForm
    change_list_template = "admin/guests/invitation/change_list.html"
    list_display = ["full_name", "email", "organization_name", "country", "protocol_level", "status", "sent_at",
                    "reminder_count", "summit"]
    list_filter = [CurrentEditionFilter.for_field("summit"), "status", "protocol_level", ("country", CountryFilter),
                   "category"]
    search_fields = ["email", "full_name", "native_name", "organization_name"]
    list_select_related = ["summit"]
    autocomplete_fields = ["summit", "reserved_forums"]
    date_hierarchy = "created_at"
    actions = ["send_selected", "remind_selected", "revoke_selected"]
    history_fields = ["status", "sent_at", "reminded_at", "reminder_count", "answered_at", "holds_released_at",
                      "registration", "invited_by"]
    fieldsets = [
        (None, {"fields": ["summit", "email", "full_name", "native_name", "title", "organization_name", "category",
                           "country", "language", "protocol_level"]}),
        (gettext_lazy("Seats"), {"fields": ["reserved_forums", "hold_until"]}),
        (None, {"fields": ["note", "send_now"]}),
        (gettext_lazy("History"), {"fields": history_fields}),
    ]

    def get_fieldsets(self, request, obj=None):
        if obj is None or obj.status == InvitationStatus.PENDING:
            return self.fieldsets
        return [(name, {"fields": [f for f in options["fields"] if f != "send_now"]})
                for name, options in self.fieldsets]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != InvitationStatus.PENDING:  # answered or revoked: a record now
            return [*(f for name, options in self.fieldsets for f in options["fields"]
                      if f not in ("note", "send_now"))]
        return [*self.history_fields, *(["summit", "email"] if obj is not None else [])]

    def has_delete_permission(self, request, obj=None):
        """Invitations are revoked (their seats go to the guests waiting), not deleted."""
        return False

    def save_model(self, request, obj, form, change):
        if not change:
            obj.invited_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # Holds are seats: the forums whose holds change are locked first, as a registration locks them, and the
        # seats no longer held go to the guests waiting once the save commits.
        before = set(form.initial.get("reserved_forums") or [])
        before = {getattr(forum, "pk", forum) for forum in before}
        after = {forum.pk for forum in form.cleaned_data.get("reserved_forums", [])}
        services.lock_reserved_forums(before | after)
        super().save_related(request, form, formsets, change)
        services.promote_after_hold_change(forum_ids=before | after)
        send = form.cleaned_data.get("send_now") and form.instance.sent_at is None
        if send and services.send_invitations(invitations=[form.instance], actor=request.user):
            self.message_user(request, _("The invitation was sent to %(email)s.") % {"email": form.instance.email})

    def _report(self, request, *, done: int, selected: int, message: str) -> None:
        text = message % {"count": done}
        if selected - done:
            text += " " + ngettext("%(count)d skipped: its status or deadline does not allow it.",
                                   "%(count)d skipped: their status or deadline does not allow it.",
                                   selected - done) % {"count": selected - done}
        self.message_user(request, text, messages.SUCCESS if done else messages.WARNING)

    @admin.action(description=gettext_lazy("Send or send again (new link)"), permissions=["change"])
    def send_selected(self, request, queryset):
        done = services.send_invitations(invitations=queryset, actor=request.user)
        self._report(request, done=done, selected=queryset.count(),
                     message=ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", done))

    @admin.action(description=gettext_lazy("Remind the invitees who have not answered"), permissions=["change"])
    def remind_selected(self, request, queryset):
        done = services.remind_invitations(invitations=queryset, actor=request.user)
        self._report(request, done=done, selected=queryset.count(),
                     message=ngettext("%(count)d reminder sent.", "%(count)d reminders sent.", done))

    @admin.action(description=gettext_lazy("Revoke (the link stops working, the seats are freed)"),
                  permissions=["change"])
    def revoke_selected(self, request, queryset):
        """Django's intermediate page first, as for deleting: the invitees listed, revoked once confirmed."""
        if request.POST.get("post") != "yes":
            return TemplateResponse(request, "admin/guests/invitation/revoke_selected_confirmation.html", {
                **self.admin_site.each_context(request),
                "title": _("Are you sure?"), "opts": self.model._meta, "queryset": queryset,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "pending_count": queryset.filter(status=InvitationStatus.PENDING).count(),
            })
        done = services.revoke_invitations(invitations=queryset, actor=request.user)
        self._report(request, done=done, selected=queryset.count(),
                     message=ngettext("%(count)d invitation revoked.", "%(count)d invitations revoked.", done))

    # --- Bulk import --------------------------------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="guests_invitation_import"),
            path("import/template.<str:kind>", view(self.template_view), name="guests_invitation_import_template"),
            *super().get_urls(),
        ]

    def template_view(self, request, kind: str):
        if not self.has_view_permission(request):
            raise PermissionDenied
        if kind == "csv":
            response = HttpResponse(invitation_import.template_csv(), content_type="text/csv; charset=utf-8")
        elif kind == "xlsx":
            response = HttpResponse(
                invitation_import.template_xlsx(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        else:
            raise PermissionDenied
        response["Content-Disposition"] = f'attachment; filename="invitations-template.{kind}"'
        return response

    def import_view(self, request):
        """Upload, preview every row with its errors, then confirm: nothing is saved before a clean file is
        confirmed. The checked rows travel in the confirmation form signed (nobody can alter them in between)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {**self.admin_site.each_context(request), "title": _("Import invitations"),
                   "opts": self.model._meta, "columns": invitation_import.COLUMNS,
                   "column_labels": invitation_import.column_labels()}
        if request.method == "POST" and "confirm" in request.POST:
            try:
                payload = signing.loads(request.POST["confirm"], salt=IMPORT_SALT, max_age=3600)
                summit = Summit.objects.get(pk=payload["summit"])
            except (signing.BadSignature, KeyError, Summit.DoesNotExist):
                self.message_user(request, _("This preview has expired: upload the file again."), messages.ERROR)
                return HttpResponseRedirect(request.path)
            rows = [{**row, "hold_until": datetime.datetime.fromisoformat(row["hold_until"])}
                    for row in payload["rows"]]
            try:
                created = services.import_invitations(summit=summit, rows=rows, actor=request.user,
                                                      send=payload["send"])
            except services.InvitationError as refusal:
                self.message_user(request, " ".join(refusal.messages), messages.ERROR)
                return HttpResponseRedirect(request.path)
            self.message_user(request, ngettext("%(count)d invitation imported.", "%(count)d invitations imported.",
                                                len(created)) % {"count": len(created)}, messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:guests_invitation_changelist"))
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            summit = form.cleaned_data["summit"]
            try:
                table = invitation_import.read_table(form.cleaned_data["file"])
            except invitation_import.ImportFileError as error:
                form.add_error("file", str(error))
            else:
                rows = invitation_import.check_rows(summit=summit, table=table)
                error_count = sum(1 for row in rows if row.errors)
                context.update({"rows": rows, "summit": summit, "error_count": error_count})
                if rows and not error_count:
                    context["confirm"] = signing.dumps({
                        "summit": summit.pk, "send": form.cleaned_data["send"],
                        "rows": [{**row.cleaned, "hold_until": row.cleaned["hold_until"].isoformat()}
                                 for row in rows],
                    }, salt=IMPORT_SALT, compress=True)
        context["form"] = form
        return TemplateResponse(request, "admin/guests/invitation/import.html", context)
