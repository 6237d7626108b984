"""Applicants' emails: rendered in the language they applied in and written to the outbox once per kind."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.emails import queue_templated_email
from core.models import OutgoingEmail

from . import links
from .models import Membership

SUBJECTS = {
    "received": _("We have received the application of %(organization)s"),
    "welcome": _("Welcome to the World Internet Conference, %(organization)s"),
    "rejected": _("The application of %(organization)s"),
}


def email_key(membership: Membership, kind: str) -> str:
    return f"membership:{membership.pk}:{kind}"


def queue_membership_email(*, membership: Membership, kind: str) -> OutgoingEmail | None:
    """Queue the ``kind`` email to the application's contact (sent after commit), once per membership and kind.

    Members recorded by organizers have no contact address: nothing is sent to them.
    """
    if not membership.contact_email:
        return None
    context = {
        "membership": membership,
        "organization": str(membership),
        "contact_name": membership.contact_name,
        "application_url": links.application_url(membership),
    }
    return queue_templated_email(
        key=email_key(membership, kind), to=membership.contact_email,
        language=membership.language or settings.LANGUAGE_CODE, subject=SUBJECTS[kind],
        text_template=f"members/email/{kind}.txt", context=context, about=membership,
    )
