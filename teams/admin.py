"""Forum teams in the admin: the members organizers invite, and the teams' changes they review (each with its diff),
publish or send back with a comment."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy

from core import admin_reasons
from core.admin import WicAdmin
from core.admin_reasons import reason_page
from core.enums import PublicationStatus
from summits.admin_filters import CurrentEditionFilter

from . import services
from .diff import agenda_diff
from .enums import ChangeState
from .models import ForumChange, ForumTeamMember


@admin.register(ForumTeamMember)
class ForumTeamMemberAdmin(WicAdmin):
    list_display = ["name", "email", "forum", "organization", "language", "sign_in"]
    list_filter = [CurrentEditionFilter.for_field("forum__summit"), "language"]
    search_fields = ["name", "email", "forum__title_en", "forum__title_zh_hans", "organization__name_en"]
    list_select_related = ["forum__summit", "organization", "user"]
    autocomplete_fields = ["forum", "organization"]
    fields = ["forum", "organization", "name", "email", "language", "sign_in"]
    readonly_fields = ["sign_in"]
    actions = ["invite_selected"]

    @admin.display(description=gettext_lazy("sign-in"))
    def sign_in(self, member):
        if member.pk is None or member.invited_at is None:
            return _("Not invited yet")
        if member.user is not None and member.user.has_usable_password():
            return _("Signs in as %(username)s") % {"username": member.user.get_username()}
        return _("Invited on %(sent)s; no password chosen yet") % {
            "sent": date_format(localtime(member.invited_at), "DATETIME_FORMAT")}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:  # a new member is invited at once
            self._invite(request, obj)

    def _invite(self, request, member) -> bool:
        try:
            services.invite_team_member(member=member, actor=request.user)
        except ValidationError as refused:
            self.message_user(request, " ".join(refused.messages), messages.ERROR)
            return False
        self.message_user(request, _("%(name)s: invitation sent to %(email)s.") % {
            "name": member.name, "email": member.email}, messages.SUCCESS)
        return True

    @admin.action(description=gettext_lazy("Send the invitation (again)"), permissions=["change"])
    def invite_selected(self, request, queryset):
        for member in queryset.select_related("forum"):
            self._invite(request, member)


class SendBackForm(admin_reasons.ReasonForm):
    comment = forms.CharField(
        label=gettext_lazy("Comment for the forum's team (what to correct)"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}))


class DiscardForm(admin_reasons.ReasonForm):
    comment = forms.CharField(
        label=gettext_lazy("Comment for the forum's team (why)"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}))


class ChangeStateFilter(admin.SimpleListFilter):
    """Opens on the changes waiting for review: the organizers' to-do list."""

    title = gettext_lazy("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [*ChangeState.choices, ("all", _("All"))]

    def queryset(self, request, queryset):
        value = self.value() or ChangeState.SUBMITTED
        return queryset if value == "all" else queryset.filter(state=value)

    def choices(self, changelist):
        selected = self.value() or ChangeState.SUBMITTED
        for lookup, title in self.lookup_choices:
            yield {"selected": selected == lookup, "display": title,
                   "query_string": changelist.get_query_string({self.parameter_name: lookup})}


@admin.register(ForumChange)
class ForumChangeAdmin(WicAdmin):
    """The teams' changes: read, with what they change; decided by the actions, never edited by hand."""

    list_display = ["forum", "summit", "state", "submitted_at", "submitted_by", "decided_at"]
    list_filter = [ChangeStateFilter, CurrentEditionFilter.for_field("forum__summit")]
    list_select_related = ["forum__summit", "submitted_by"]
    search_fields = ["forum__title_en", "forum__title_zh_hans"]
    fields = ["forum", "state", "submitted_at", "submitted_by", "decided_at", "decided_by", "comment", "changes"]
    readonly_fields = fields
    actions = ["publish_selected", "send_back_selected", "discard_selected"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # The actions need the change right; the page of one change is read-only (it is decided, not edited).
        return obj is None and super().has_change_permission(request)

    def get_urls(self):
        return [
            path("<path:object_id>/publish/", self.admin_site.admin_view(self.publish_view),
                 name="teams_forumchange_publish"),
            path("<path:object_id>/send-back/", self.admin_site.admin_view(self.send_back_view),
                 name="teams_forumchange_send_back"),
            *super().get_urls(),
        ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        change = self.get_object(request, object_id) if object_id else None
        extra_context = {**(extra_context or {}),
                         "can_decide": change is not None and change.state == ChangeState.SUBMITTED
                         and self.has_change_permission(request),
                         "public_url": public_forum_url(change.forum) if change is not None else None}
        return super().changeform_view(request, object_id, form_url, extra_context)

    @admin.display(description=gettext_lazy("summit"), ordering="forum__summit__year")
    def summit(self, change):
        return change.forum.summit

    @admin.display(description=gettext_lazy("what the change does"))
    def changes(self, change):
        diff = agenda_diff(change.base, change.proposed)
        if not diff:
            return _("Nothing: the proposal is the agenda it started from.")
        return render_to_string("teams/_diff.html", {"diff": diff})

    def _decide(self, request, queryset, decide, done_message) -> None:
        done = 0
        for change in queryset.select_related("forum"):
            try:
                decide(change)
            except ValidationError as refused:
                self.message_user(request, _("%(forum)s: %(reason)s") % {
                    "forum": change.forum, "reason": " ".join(refused.messages)}, messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)

    @admin.action(description=gettext_lazy("Publish the selected changes"), permissions=["change"])
    def publish_selected(self, request, queryset):
        self._decide(request, queryset,
                     lambda change: services.publish_forum_change(change=change, actor=request.user),
                     lambda count: ngettext("%(count)d change published; its team is told by email.",
                                            "%(count)d changes published; their teams are told by email.",
                                            count) % {"count": count})

    def _with_comment(self, request, queryset, form_class, decide, done):
        """The comment's form; once it is valid, ``decide`` each change with it (then None), and say ``done``."""
        form = form_class(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            comment = form.cleaned_data["comment"]
            self._decide(request, queryset, lambda change: decide(change=change, actor=request.user, comment=comment),
                         lambda count: done % {"count": count})
            return None
        return form

    @admin.action(description=gettext_lazy("Send the selected changes back with a comment"),
                  permissions=["change"])
    def send_back_selected(self, request, queryset, *, cancel_url=None):
        form = self._with_comment(request, queryset, SendBackForm, services.send_back_forum_change, ngettext_lazy(
            "%(count)d change sent back; its team is told by email.",
            "%(count)d changes sent back; their teams are told by email.", "count"))
        if form is None:
            return None
        count = queryset.count()
        return reason_page(
            self, request, queryset.select_related("forum"), form=form, action="send_back_selected",
            cancel_url=cancel_url, title=ngettext("Send the change back", "Send the changes back", count),
            button=_("Send back"),
            intro=ngettext("This change goes back to its team, with your comment, by email:",
                           "These changes go back to their teams, with your comment, by email:", count),
        )

    @admin.action(description=gettext_lazy("Discard the change"), permissions=["change"])
    def discard_selected(self, request, queryset):
        """Close a change that cannot be published, whatever its state, so that nothing stays stuck."""
        form = self._with_comment(request, queryset, DiscardForm, services.discard_forum_change, ngettext_lazy(
            "%(count)d change discarded; its team is told by email.",
            "%(count)d changes discarded; their teams are told by email.", "count"))
        if form is None:
            return None
        return reason_page(
            self, request, queryset.select_related("forum"), form=form, action="discard_selected",
            title=_("Discard the change"), button=_("Discard"),
            intro=_("Discarded changes are never published; their teams are told by email and may start anew:"),
        )

    # --- The two buttons of a change's own page -------------------------------------------------------------

    def _decided_here(self, request, object_id):
        """The change of the page, for an organizer who may decide it; anyone else is refused."""
        change = self.get_object(request, object_id)
        if change is None or not self.has_change_permission(request):
            raise PermissionDenied
        return change

    def publish_view(self, request, object_id):
        """The page's "Publish" button: the list's action for this change (POST only), then back to its page,
        which links to the forum's public page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        change = self._decided_here(request, object_id)
        waiting = change.state == ChangeState.SUBMITTED
        self.publish_selected(request, ForumChange.objects.filter(pk=change.pk))
        change.refresh_from_db(fields=["state"])
        url = public_forum_url(change.forum)
        if waiting and change.state == ChangeState.PUBLISHED and url:
            self.message_user(request, format_html('{} <a href="{}">{}</a>', _("It is on the site now:"), url,
                                                   _("the forum's public page")), messages.INFO)
        return redirect("admin:teams_forumchange_change", change.pk)

    def send_back_view(self, request, object_id):
        """The page's "Send back with a comment" button: the comment's page (core/admin_reasons.py), then back to
        the change's page. A change no longer waiting for review goes back to its page, saying so."""
        change = self._decided_here(request, object_id)
        if change.state != ChangeState.SUBMITTED:
            self.message_user(request, _("%(change)s is not waiting for review: nothing was done.")
                              % {"change": change}, messages.WARNING)
            return redirect("admin:teams_forumchange_change", change.pk)
        here = reverse("admin:teams_forumchange_change", args=[change.pk])
        response = self.send_back_selected(request, ForumChange.objects.filter(pk=change.pk), cancel_url=here)
        return response or redirect(here)


def public_forum_url(forum) -> str | None:
    """The forum's page on the site, once the public can open it (the forum and its edition published)."""
    if forum.status != PublicationStatus.PUBLISHED or forum.summit.status != PublicationStatus.PUBLISHED:
        return None
    return reverse("forums:forum", kwargs={"year": forum.summit.year, "slug": forum.slug})
