"""The visa desk's emails to the guest: written in the guest's language and to the outbox once per letter and kind.

The outbox sends text and HTML, no attachment: the approval email links to the guest's visa letter page, where the
PDF is downloaded while the letter is valid (a revoked letter is not left in a mailbox).
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.emails import queue_templated_email
from core.models import OutgoingEmail
from core.signed_links import link_url
from guests.emails import greeting_name
from guests.links import manage_token

SUBJECTS = {
    "approved": _("Your visa invitation letter for the %(summit)s"),
    "refused": _("Your request for a visa invitation letter for the %(summit)s"),
    "revoked": _("Your visa invitation letter for the %(summit)s is revoked"),
}


def email_key(letter, kind: str) -> str:
    return f"visa-letter:{letter.pk}:{kind}:1"


def letter_page_url(registration, *, absolute: bool = True) -> str:
    """The guest's visa letter page (by the token of their own page), in their language."""
    return link_url("visas:letter", language=registration.guest.language, absolute=absolute,
                    kwargs={"year": registration.summit.year, "token": manage_token(registration)})


def queue_letter_email(*, letter, kind: str) -> OutgoingEmail:
    registration = letter.registration
    guest = registration.guest
    with translation.override(guest.language):
        summit_name = registration.summit.name
    context = {
        "summit": summit_name, "letter": letter, "greeting_name": greeting_name(guest),
        "letter_url": letter_page_url(registration),
    }
    return queue_templated_email(
        key=email_key(letter, kind), to=guest.email, language=guest.language, subject=SUBJECTS[kind],
        text_template=f"visas/email/{kind}.txt", context=context, about=registration,
    )
