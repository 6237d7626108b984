"""The "to review" mark in the admin (``core/review.py``): seen in the list, filtered on, cleared on save.

Put ``ReviewMarkerAdminMixin`` before ``PublishableAdminMixin`` in an admin's bases, and add its action:
``actions = [*PublishableAdminMixin.actions, *ReviewMarkerAdminMixin.actions]``.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .services.review import mark_reviewed


class NeedsReviewFilter(admin.SimpleListFilter):
    title = _("to review")
    parameter_name = "needs_review"

    def lookups(self, request, model_admin):
        return [("yes", _("To review (copied, not checked yet)")), ("no", _("Reviewed"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(needs_review=True)
        if self.value() == "no":
            return queryset.filter(needs_review=False)
        return queryset


def _marker(obj):
    if not getattr(obj, "needs_review", False):
        return ""
    return format_html('<span class="wic-to-review" title="{}">⚑ {}</span>',
                       _("Copied from the previous edition: check its texts, then save it."), _("to review"))


class ReviewMarkerInlineMixin:
    """For an inline of rows that may be copies to review: add "review_marker" to its fields and readonly_fields;
    the parent's ``ReviewMarkerAdminMixin`` clears the mark of each inline row saved with a change."""

    @admin.display(description=_("to review"))
    def review_marker(self, obj):
        return _marker(obj)


def _clear_mark(obj) -> None:
    if getattr(obj, "needs_review", False):
        obj.needs_review = False


class ReviewMarkerAdminMixin:
    """Shows which rows are copies still to review, and clears the mark when an organizer saves one.

    - the list: a "to review" column after the first one, and a filter, while any row is to review;
    - the change form: a warning while the row is to review; saving it (or an inline row of it) clears the mark;
    - the publish action leaves rows still to review unpublished, and says so;
    - the "Mark as reviewed" action, for rows checked without needing a change.
    """

    actions = ["mark_reviewed"]

    @property
    def media(self):
        return super().media + forms.Media(css={"all": ["core/admin-review.css"]})

    def _any_to_review(self, request) -> bool:
        """Whether any row is still to review: the column and the filter show only then (one query a request)."""
        key = f"_to_review_{self.model._meta.label_lower}"
        if not hasattr(request, key):
            setattr(request, key, self.model._default_manager.filter(needs_review=True).exists())
        return getattr(request, key)

    def get_list_display(self, request):
        columns = list(super().get_list_display(request))
        return [*columns[:1], "review_marker", *columns[1:]] if self._any_to_review(request) else columns

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        return [*filters, NeedsReviewFilter] if self._any_to_review(request) else filters

    @admin.display(description=_("to review"), ordering="needs_review")
    def review_marker(self, obj):
        return _marker(obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, object_id)
            if obj is not None and obj.needs_review:
                self.message_user(request, _(
                    "This %(what)s was copied from the previous edition and is still to review: its texts may speak "
                    "of last year (dates, “new this year”, people). Correct them, then save: saving clears the mark."
                ) % {"what": obj._meta.verbose_name}, messages.WARNING)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        _clear_mark(obj)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            if inline_form.has_changed():
                _clear_mark(inline_form.instance)
        super().save_formset(request, form, formset, change)

    @admin.action(description=_("Publish selected"), permissions=["change"])
    def publish_selected(self, request, queryset):
        waiting = queryset.filter(needs_review=True).count()
        if waiting:
            self.message_user(request, ngettext(
                "%d item is still to review and was not published: check its texts and save it first.",
                "%d items are still to review and were not published: check their texts and save them first.",
                waiting,
            ) % waiting, messages.WARNING)
        return super().publish_selected(request, queryset.filter(needs_review=False))

    @admin.action(description=_("Mark selected as reviewed"), permissions=["change"])
    def mark_reviewed(self, request, queryset):
        count = mark_reviewed(queryset=queryset, actor=request.user)
        self.message_user(request, ngettext("%d item marked as reviewed.", "%d items marked as reviewed.", count)
                          % count, messages.SUCCESS)
