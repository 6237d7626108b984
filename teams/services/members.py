"""A forum's team, given by the organizers: each member gets an account by their email (core/services/accounts.py)
and an email in their language with a link to choose a password, or to sign in when the account has one."""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.emails import queue_templated_email
from core.enums import AuditAction
from core.models import OutgoingEmail
from core.refusals import Refused
from core.services.accounts import account_for, set_password_url, set_password_valid_until
from core.services.audit import record_audit
from core.signed_links import link_url

from ..models import ForumTeamMember

INVITATION_SUBJECT = gettext_lazy("%(forum)s: your forum team account")


class TeamMemberRefused(Refused):
    pass


@transaction.atomic
def invite_team_member(*, member: ForumTeamMember, actor) -> OutgoingEmail:
    """Link the member to the account of their address (made if need be) and email them the way in: a link to
    choose a password, or to sign in when the account has one. Asked again, a new email is sent (a new link:
    the earlier one still works until the password is chosen). The link, the audit line and the email commit
    together; the member's row is locked, so a double click sends once per moment."""
    member = ForumTeamMember.objects.select_for_update(of=("self",)).select_related("forum", "user").get(
        pk=member.pk)
    user = member.user or account_for(member.email)
    if not user.is_active:
        raise TeamMemberRefused(
            _("The account of %(name)s is deactivated; only an administrator can reactivate it.")
            % {"name": member.name}, code="inactive_account")
    now = timezone.now()
    changes: dict[str, object] = {"invited_at": now.isoformat()}
    if member.user_id != user.pk:
        changes["user"] = ["", user.get_username()]
        member.user = user
    member.invited_at = now
    member.save(update_fields=["user", "invited_at", "updated_at"])
    record_audit(actor=actor, action=AuditAction.ACTION, obj=member, changes=changes, note="invited to sign in")
    needs_password = not user.has_usable_password()
    return queue_templated_email(
        key=f"teams:member:{member.pk}:invitation:{now.isoformat()}", to=member.email, language=member.language,
        subject=INVITATION_SUBJECT, text_template="teams/email/invitation.txt",
        heading=title_in(member.forum, member.language),
        context={
            "name": member.name, "forum": member.forum, "organization": member.organization,
            "username": user.get_username(), "needs_password": needs_password,
            "url": set_password_url(user, language=member.language) if needs_password else "",
            "valid_until": set_password_valid_until(now),
            "login_url": link_url("login", language=member.language, kwargs={}),
        },
        about=member,
    )


def title_in(forum, language: str) -> str:
    """The forum's title in the recipient's language, for an email's heading (given as text, not rendered)."""
    with translation.override(language):
        return str(forum)
