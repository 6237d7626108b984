"""The page an admin action shows before a decision that needs a reason (rejecting an application, refusing or
revoking a letter): the rows it will touch, the reason's form, and the buttons. One template for every app."""

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.template.response import TemplateResponse
from django.urls import reverse


def reason_page(model_admin, request, queryset, *, form, action: str, title: str, intro: str, button: str,
                describe=str) -> TemplateResponse:
    """Render the confirmation of ``action`` for the selected rows; ``describe`` names each row in the list."""
    opts = model_admin.model._meta
    return TemplateResponse(request, "admin/reason_for_action.html", {
        **model_admin.admin_site.each_context(request),
        "title": title, "intro": intro, "button": button, "action": action, "form": form, "opts": opts,
        "rows": [(row.pk, describe(row)) for row in queryset],
        "changelist_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        "action_checkbox_name": ACTION_CHECKBOX_NAME,
    })
