"""Delegations' emails, in the recipient's language, written to the outbox once per key.

- ``focal_invitation``: the focal point's link (once per link version, and again when organizers re-send it);
- ``member_invitation``: a member's own link (once per member and link version);
- ``member_completed``: to the focal point, once per member who completed their data;
- ``delegation_approved``: to the focal point, once per delegation.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.emails import queue_templated_email
from core.models import OutgoingEmail

from . import links
from .models import Delegation, DelegationMember

SUBJECTS = {
    "focal_invitation": _("Your delegation to the %(summit)s"),
    "member_invitation": _("You are on the delegation of %(organisation)s to the %(summit)s"),
    "member_completed": _("%(member)s has completed their registration"),
    "delegation_approved": _("The delegation of %(organisation)s is approved"),
}


def _context(delegation: Delegation, language: str) -> dict:
    with translation.override(language):
        return {
            "delegation": delegation,
            "summit": str(delegation.summit.name),
            "organisation": delegation.name_before_delegation(language),
            "quota": delegation.quota,
            "deadline": delegation.substitution_deadline,
        }


def queue_focal_point_email(*, delegation: Delegation, kind: str, version: str = "1",
                            member: DelegationMember | None = None) -> OutgoingEmail:
    language = delegation.focal_language
    context = {
        **_context(delegation, language),
        "name": delegation.focal_name,
        "focal_point_url": links.focal_point_url(delegation),
        "member": member.full_name if member else "",
    }
    return queue_templated_email(
        key=f"delegation:{delegation.pk}:{kind}:{version}", to=delegation.focal_email, language=language,
        subject=SUBJECTS[kind], text_template=f"delegations/email/{kind}.txt", context=context,
        about=member or delegation,  # an email naming a member is about them: erased with them
    )


def queue_member_invitation(*, member: DelegationMember) -> OutgoingEmail:
    delegation = member.delegation
    context = {
        **_context(delegation, member.language),
        "name": member.full_name,
        "member_url": links.member_url(member),
        "member": member.full_name,
    }
    return queue_templated_email(
        key=f"delegation-member:{member.pk}:member_invitation:{member.link_version}", to=member.email,
        language=member.language, subject=SUBJECTS["member_invitation"],
        text_template="delegations/email/member_invitation.txt", context=context, about=member,
    )
