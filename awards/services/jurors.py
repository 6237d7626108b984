"""Jurors' accounts, given by the organizers: "Invite to sign in" finds or makes the juror's account by their email,
with no usable password, and emails them a link to set one (Django's password-reset token: it works once, until
the password is set, and for ``PASSWORD_RESET_TIMEOUT``). The juror then signs in and lands on their jury page."""

import datetime
import enum
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.emails import queue_templated_email
from core.enums import AuditAction
from core.models import OutgoingEmail
from core.refusals import Refused
from core.services.accounts import account_for, set_password_url, set_password_valid_until
from core.services.audit import record_audit
from core.signed_links import link_url

from ..models import JuryMember

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
    return set_password_valid_until(seat.invited_at)


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
    user = seat.user or account_for(address)
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


def _email_key(seat: JuryMember) -> str:
    """One email per invitation: asked again (a retry, a second click) while it is valid, nothing new is written."""
    return f"juror:{seat.pk}:invitation:{seat.invited_at.isoformat() if seat.invited_at else ''}"


def _queue_invitation(seat: JuryMember, user, address: str) -> OutgoingEmail:
    url = set_password_url(user, language=seat.language)
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
