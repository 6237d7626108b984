"""Signed links in guests' emails: their own page and the email verification, no password needed.

Both carry the registration's id alone; the verification link expires after REGISTRATION_VERIFY_DAYS. The
invitee's page (before any registration) carries the invitation's id and link version.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from core.signed_links import LinkPurpose, link_url, make_token, row_for_token

from .enums import InvitationStatus
from .models import Invitation, Registration

MANAGE_SALT = "wic.guests.manage"
VERIFY_SALT = "wic.guests.verify"


def _registrations():
    # The edition's expo comes along for the page's navigation (its Expo link), in the same query.
    return Registration.objects.select_related("guest", "summit__expo")


MANAGE = LinkPurpose(salt=MANAGE_SALT, rows=_registrations)
VERIFY = LinkPurpose(
    salt=VERIFY_SALT, rows=_registrations,
    max_age=lambda: datetime.timedelta(days=settings.REGISTRATION_VERIFY_DAYS),
)


def _url(registration: Registration, name: str, token: str, *, absolute: bool) -> str:
    return link_url(f"guests:{name}", language=registration.guest.language,
                    kwargs={"year": registration.summit.year, "token": token}, absolute=absolute)


def manage_token(registration: Registration) -> str:
    return make_token(MANAGE, registration)


def manage_url(registration: Registration, *, absolute: bool = True) -> str:
    """The guest's own page, in the guest's language; the link in every email."""
    return _url(registration, "manage", manage_token(registration), absolute=absolute)


def verify_url(registration: Registration, *, absolute: bool = True) -> str:
    return _url(registration, "verify", make_token(VERIFY, registration), absolute=absolute)


def registration_for_manage_token(token: str) -> Registration | None:
    return row_for_token(MANAGE, token)


def registration_for_verify_token(token: str) -> Registration | None:
    return row_for_token(VERIFY, token)


# The invitee's page: the invitation's id and its link version (revoking or sending again raises it). It works
# until the hold deadline or the edition's end, whichever first; a revoked invitation opens nothing.
INVITATION_SALT = "wic.guests.invitation"


def _invitations():
    return Invitation.objects.exclude(status=InvitationStatus.REVOKED).select_related("summit__expo")


def _invitation_current(invitation: Invitation, claims: list) -> bool:
    return claims == [invitation.link_version] and timezone.now() < invitation.link_expires_at


INVITATION = LinkPurpose(
    salt=INVITATION_SALT, rows=_invitations, claims=lambda invitation: (invitation.link_version,),
    claim_types=(int,), accepts=_invitation_current,
)


def invitation_token(invitation: Invitation) -> str:
    return make_token(INVITATION, invitation)


def invitation_url(invitation: Invitation, *, absolute: bool = True) -> str:
    """The invitee's page, in the invitation's language: the link in the invitation and its reminders."""
    return link_url("guests:invitation", language=invitation.language,
                    kwargs={"year": invitation.summit.year, "token": invitation_token(invitation)}, absolute=absolute)


def invitation_for_token(token: str) -> Invitation | None:
    return row_for_token(INVITATION, token)
