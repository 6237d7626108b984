"""Signed links of delegations: the focal point's page and each member's own page, no account needed.

Both carry the row's link version as a claim: raising it (a new link for the focal point; a member substituted,
withdrawn, rejected or erased) revokes every earlier link. A member's link opens only while the member is live.
"""

from core.signed_links import LinkPurpose, link_url, make_token, row_for_token

from .enums import LIVE_MEMBER_STATUSES, DelegationStatus
from .models import Delegation, DelegationMember

FOCAL_POINT_SALT = "wic.delegations.focal-point"
MEMBER_SALT = "wic.delegations.member"


def _version(row) -> tuple[int]:
    return (row.link_version,)


FOCAL_POINT = LinkPurpose(
    salt=FOCAL_POINT_SALT,
    rows=lambda: Delegation.objects.exclude(status=DelegationStatus.DRAFT).select_related("summit"),
    claims=_version, claim_types=(int,),
)
MEMBER = LinkPurpose(
    salt=MEMBER_SALT,
    rows=lambda: DelegationMember.objects.filter(status__in=LIVE_MEMBER_STATUSES).select_related(
        "delegation__summit", "registration__guest"),
    claims=_version, claim_types=(int,),
)


def focal_point_token(delegation: Delegation) -> str:
    return make_token(FOCAL_POINT, delegation)


def focal_point_url(delegation: Delegation, *, absolute: bool = True) -> str:
    """The focal point's page, in the focal point's language."""
    return link_url("delegations:focal-point", language=delegation.focal_language, absolute=absolute,
                    kwargs={"year": delegation.summit.year, "delegation_token": focal_point_token(delegation)})


def delegation_for_token(token: str) -> Delegation | None:
    return row_for_token(FOCAL_POINT, token)


def member_token(member: DelegationMember) -> str:
    return make_token(MEMBER, member)


def member_url(member: DelegationMember, *, absolute: bool = True) -> str:
    """The member's own page, in the member's language."""
    return link_url("delegations:member", language=member.language, absolute=absolute,
                    kwargs={"year": member.delegation.summit.year, "member_token": member_token(member)})


def member_for_token(token: str) -> DelegationMember | None:
    return row_for_token(MEMBER, token)
