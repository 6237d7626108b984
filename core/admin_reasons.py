"""The page an admin action shows before a decision that needs a reason (rejecting an application, refusing or
revoking a letter): the rows it will touch, the reason's form, and the buttons. One template for every app."""

from django import forms
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.template.response import TemplateResponse
from django.urls import reverse

from core.text import texts_without_bidi_controls


class ReasonForm(forms.Form):
    """The base of every reason's form: the text loses its bidirectional controls, which would show it reversed
    to the reader (a guest, an applicant, a forum's team)."""

    def clean(self):
        self.cleaned_data = texts_without_bidi_controls(super().clean())
        return self.cleaned_data


def reason_page(model_admin, request, queryset, *, form, action: str, title: str, intro: str, button: str,
                describe=str, cancel_url: str | None = None) -> TemplateResponse:
    """Render the confirmation of ``action`` for the selected rows (``form``, a ReasonForm, gives the reason);
    ``describe`` names each row in the list.
    "Cancel" leads to ``cancel_url`` (the page of the one row it was asked from), else to the list."""
    opts = model_admin.model._meta
    changelist_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return TemplateResponse(request, "admin/reason_for_action.html", {
        **model_admin.admin_site.each_context(request),
        "title": title, "intro": intro, "button": button, "action": action, "form": form, "opts": opts,
        "rows": [(row.pk, describe(row)) for row in queryset],
        "changelist_url": changelist_url, "cancel_url": cancel_url or changelist_url,
        "action_checkbox_name": ACTION_CHECKBOX_NAME,
    })
