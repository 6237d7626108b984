"""Jurors' accounts, given by the organizers: "Invite to sign in" finds or makes the juror's account by their email,
with no usable password, and emails them a link to set one (Django's password-reset token: it works once, until
the password is set, and for ``PASSWORD_RESET_TIMEOUT``). The juror then signs in and lands on their jury page."""

import datetime
import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.emails import queue_templated_email
from core.enums import AuditAction
from core.models import OutgoingEmail
from core.refusals import Refused
from core.services.audit import record_audit
from core.signed_links import link_url

from ..models import JuryMember

if TYPE_CHECKING:  # the project's user model, as JuryMember.user declares it
    from django.contrib.auth.models import User

INVITATION_SUBJECT = gettext_lazy("%(programme)s: your jury account")


class InvitationRefused(Refused):
    pass


class InvitationOutcome(enum.StrEnum):
    SENT = "sent"  # a new invitation, emailed
    ALREADY_SENT = "already_sent"  # the last one is still valid: nothing sent again
    SIGNS_IN = "signs_in"  # the account has a password: the juror signs in with it, nothing to send


@dataclass(frozen=True)
class Invitation:
    outcome: InvitationOutcome
    seat: JuryMember
    email: OutgoingEmail | None = None

    @property
    def valid_until(self) -> datetime.datetime | None:
        return invitation_valid_until(self.seat)


def invitation_valid_until(seat: JuryMember) -> datetime.datetime | None:
    """When the link of the seat's last invitation stops working (None if never invited)."""
    if seat.invited_at is None:
        return None
    return seat.invited_at + datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)


@transaction.atomic
def invite_juror(*, seat: JuryMember, actor) -> Invitation:
    """Give the juror an account and email them a link to set its password; once per invitation.

    The seat's row is locked: a double click, or two organizers at once, make one account and send one email. An
    invitation whose link still works is not sent again; once it has expired, inviting sends a new one. An account
    found by the address that already has a password is linked, and nothing is sent: the juror signs in with it.
    The account, the seat, the audit line and the email commit together.
    """
    seat = JuryMember.objects.select_for_update(of=("self",)).select_related("programme", "user").get(pk=seat.pk)
    address = seat.email.strip() or (seat.user.email if seat.user else "")
    if not address:
        raise InvitationRefused(
            _("%(juror)s has no email address: add it on their page, then invite them.") % {"juror": seat.name},
            code="no_email", field="email",
        )
    user = seat.user or _account_for(address)
    if not user.is_active:
        raise InvitationRefused(
            _("The account of %(juror)s is deactivated; only an administrator can reactivate it.")
            % {"juror": seat.name}, code="inactive_account",
        )
    if seat.user_id != user.pk:
        if JuryMember.objects.filter(programme=seat.programme_id, user=user).exclude(pk=seat.pk).exists():
            raise InvitationRefused(
                _("The account of %(address)s already sits on this programme's jury, as another juror.")
                % {"address": address}, code="already_on_jury",
            )
        seat.user = user
        seat.save(update_fields=["user", "updated_at"])
        record_audit(actor=actor, action=AuditAction.ACTION, obj=seat, changes={"user": ["", user.get_username()]},
                     note="account linked")
    if user.has_usable_password():
        return Invitation(InvitationOutcome.SIGNS_IN, seat)
    now = timezone.now()
    valid_until = invitation_valid_until(seat)
    if valid_until is not None and now < valid_until:
        return Invitation(InvitationOutcome.ALREADY_SENT, seat,
                          OutgoingEmail.objects.filter(key=_email_key(seat)).first())
    seat.invited_at = now
    seat.save(update_fields=["invited_at", "updated_at"])
    record_audit(actor=actor, action=AuditAction.ACTION, obj=seat, changes={"invited_at": now.isoformat()},
                 note="invited to sign in")
    return Invitation(InvitationOutcome.SENT, seat, _queue_invitation(seat, user, address))


def _account_for(address: str) -> "User":
    """The account with this address (the oldest, if several), or a new one named by it, with no usable password.

    Two seats of one juror invited at once may both make it: the second finds the first's by its name.
    """
    User = get_user_model()
    found = User._default_manager.filter(email__iexact=address).order_by("pk").first()
    if found is not None:
        return found
    base = username = address.lower()[:140]
    suffix = 1
    while User._default_manager.filter(username__iexact=username).exists():  # the name taken by another address
        suffix += 1
        username = f"{base}-{suffix}"
    user = User(username=username, email=address)
    user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        return User._default_manager.get(username=username)
    return user


def _email_key(seat: JuryMember) -> str:
    """One email per invitation: asked again (a retry, a second click) while it is valid, nothing new is written."""
    return f"juror:{seat.pk}:invitation:{seat.invited_at.isoformat() if seat.invited_at else ''}"


def _queue_invitation(seat: JuryMember, user, address: str) -> OutgoingEmail:
    url = link_url("password_reset_confirm", language=seat.language, kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user),
    })
    return queue_templated_email(
        key=_email_key(seat), to=address, language=seat.language, subject=INVITATION_SUBJECT,
        text_template="awards/email/juror_invitation.txt", heading=str(seat.programme),
        context={
            "juror": seat.name, "programme": seat.programme, "url": url, "username": user.get_username(),
            "valid_until": invitation_valid_until(seat),
            "login_url": link_url("login", language=seat.language, kwargs={}),
        },
        about=seat,
    )
