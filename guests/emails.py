"""Guests' emails: rendered in the guest's language and written to the outbox, once per (registration, kind,
version)."""

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.clock import WUZHEN
from core.models import OutgoingEmail
from core.services.outbox import queue_email

from . import links
from .enums import RegistrationSource
from .models import Registration

SUBJECTS = {
    "verification": _("Confirm your email address for the %(summit)s"),
    "existing": _("Your registration for the %(summit)s"),
    "received": _("We have received your registration for the %(summit)s"),
    "approved": _("You are accredited for the %(summit)s"),
    "rejected": _("Your registration for the %(summit)s"),
    "waitlisted": _("You are on the waiting list for %(forum)s"),
    "promoted": _("A seat is yours: %(forum)s"),
    "cancelled": _("Your registration for the %(summit)s is cancelled"),
    "reminder": _("The %(summit)s starts soon"),
    "forum_changed": _("%(forum)s has changed time or room"),
    "sessions_moved": _("The programme of the %(summit)s has changed"),
}
# A journalist's registration (source press) is their application for accreditation: worded as such.
PRESS_SUBJECTS = {
    "verification": _("Confirm your email address for your press accreditation to the %(summit)s"),
    "received": _("We have received your application for press accreditation to the %(summit)s"),
    "cancelled": _("Your press accreditation for the %(summit)s is cancelled"),
}


def greeting_name(guest) -> str:
    """The name an email greets the guest by: in Chinese, their name in Chinese characters when they gave one
    ("尊敬的张伟："), else the name they registered with."""
    if guest.language == "zh-hans" and guest.native_name.strip():
        return guest.native_name.strip()
    return guest.full_name


def email_key(registration: Registration, kind: str, version: str = "1") -> str:
    return f"registration:{registration.pk}:{kind}:{version}"


def queue_guest_email(
    *, registration: Registration, kind: str, version: str = "1", extra: dict | None = None
) -> OutgoingEmail:
    """Render the ``kind`` email in the guest's language and put it in the outbox (sent after commit).

    The same (registration, kind, version) is written once, whoever asks again.
    """
    guest = registration.guest
    with translation.override(guest.language):
        context = {
            "registration": registration,
            "guest": guest,
            "greeting_name": greeting_name(guest),
            "summit": registration.summit,
            "manage_url": links.manage_url(registration),
            **(extra or {}),
        }
        if kind == "verification":
            context["verify_url"] = links.verify_url(registration)
        forum = context.get("forum")
        subjects = PRESS_SUBJECTS if registration.source == RegistrationSource.PRESS else {}
        subject = str(subjects.get(kind, SUBJECTS[kind])) % {"summit": registration.summit.name,
                                                             "forum": forum.title if forum else ""}
        body_text = render_to_string(f"guests/email/{kind}.txt", context)
        body_html = render_to_string("guests/email/message.html", {**context, "kind": kind, "subject": subject,
                                                                    "body_text": body_text})
    return queue_email(
        key=email_key(registration, kind, version),
        to=guest.email,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        language=guest.language,
        about=registration,
    )


INVITATION_SUBJECTS = {
    "invitation": _("Invitation to the %(summit)s"),
    "invitation_reminder": _("Reminder: your invitation to the %(summit)s"),
}


def invitation_greeting_name(invitation) -> str:
    if invitation.language == "zh-hans" and invitation.native_name.strip():
        return invitation.native_name.strip()
    return invitation.full_name


def queue_invitation_email(*, invitation, kind: str, version: str) -> OutgoingEmail:
    """The invitation (``kind`` "invitation") or a reminder, in the invitation's language, with the invitee's link,
    the forums reserved for them and the hold deadline; written once per (invitation, kind, version)."""
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "summit": invitation.summit,
            "greeting_name": invitation_greeting_name(invitation),
            "invitation_url": links.invitation_url(invitation),
            "reserved_forums": list(invitation.reserved_forums.order_by("start", "order", "pk")),
            "expires_at": timezone.localtime(invitation.link_expires_at, WUZHEN),
        }
        subject = str(INVITATION_SUBJECTS[kind]) % {"summit": invitation.summit.name}
        body_text = render_to_string(f"guests/email/{kind}.txt", context)
        body_html = render_to_string("email/message.html", {
            "language": invitation.language, "heading": invitation.summit.name, "subject": subject,
            "body_text": body_text})
    return queue_email(
        key=f"invitation:{invitation.pk}:{kind}:{version}",
        to=invitation.email,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        language=invitation.language,
        about=invitation,
    )
